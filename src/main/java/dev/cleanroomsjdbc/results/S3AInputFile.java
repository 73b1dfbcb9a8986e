package dev.cleanroomsjdbc.results;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} on the reader's own S3A file system (parquet's {@code HadoopInputFile} would
 * look the file system up in Hadoop's shared cache instead).
 */
final class S3AInputFile implements InputFile {

  private final FileSystem fs;
  private final FileStatus status;

  S3AInputFile(FileSystem fs, FileStatus status) {
    this.fs = fs;
    this.status = status;
  }

  @Override
  public long getLength() {
    return status.getLen();
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return HadoopStreams.wrap(fs.open(status.getPath()));
  }

  @Override
  public String toString() {
    return status.getPath().toString();
  }
}
