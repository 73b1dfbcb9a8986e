package dev.cleanroomsjdbc.results;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} over one S3 object of a known size, read with ranged GETs. */
final class S3InputFile implements InputFile {

  private final S3Objects objects;
  private final S3Objects.Entry entry;

  S3InputFile(S3Objects objects, S3Objects.Entry entry) {
    this.objects = objects;
    this.entry = entry;
  }

  @Override
  public long getLength() {
    return entry.size();
  }

  @Override
  public SeekableInputStream newStream() {
    ObjectStream stream = new ObjectStream(objects, entry);
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() {
        return stream.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        stream.seek(newPos);
      }
    };
  }

  @Override
  public String toString() {
    return "s3://" + entry.bucket() + "/" + entry.key();
  }
}
