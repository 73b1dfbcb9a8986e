package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a result's rows to S3 as Spark-style Snappy Parquet part files followed by an empty {@code _SUCCESS}.
 *
 * <p>Each part goes to a local temp file first and is then uploaded, so memory holds at most one row group.
 */
public final class ParquetResultWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetResultWriter.class);
  /** How often, in rows, the cancel flag is polled. */
  static final int CANCEL_POLL_ROWS = 256;

  private ParquetResultWriter() {}

  /**
   * Writes the rows and returns the locations of the part files, then {@code _SUCCESS}.
   *
   * @param folder the result's folder; parts are {@code folder/part-00000-<uuid>-c000.snappy.parquet}, ...
   * @param rowsPerPart a new part file starts after this many rows; an empty result still gets one part
   * @param cancelled polled every few hundred rows
   * @throws java.util.concurrent.CancellationException cancelled turned true; parts already uploaded stay
   * @throws IllegalArgumentException a column has an unsupported Glue type or a value of the wrong Java type
   */
  public static List<S3Location> write(LocalS3 s3, S3Location folder, List<ColumnSpec> columns,
      Iterator<Object[]> rows, int rowsPerPart, BooleanSupplier cancelled) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    ParquetColumns.schema(columns); // fail fast on an unknown type, before any file exists
    String uuid = UUID.randomUUID().toString();
    List<S3Location> written = new ArrayList<>();
    Path temp = null;
    try {
      temp = Files.createTempFile("cleanrooms-result-", ".parquet");
      long total = 0;
      int part = 0;
      do {
        checkCancelled(cancelled);
        long count = writePart(temp, columns, rows, rowsPerPart, cancelled);
        S3Location target = folder.resolve(String.format("part-00000-%s-c%03d.snappy.parquet", uuid, part));
        s3.putFile(target, temp);
        written.add(target);
        total += count;
        part++;
      } while (rows.hasNext());
      S3Location success = folder.resolve("_SUCCESS");
      s3.putBytes(success, new byte[0]);
      written.add(success);
      LOG.debug("wrote {} rows in {} part(s) to {}", total, part, folder);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result to " + folder, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Writes every row into the one Parquet object {@code target}, with no {@code _SUCCESS} beside it. */
  public static S3Location writeSingle(LocalS3 s3, S3Location target, List<ColumnSpec> columns,
      Iterator<Object[]> rows, BooleanSupplier cancelled) {
    ParquetColumns.schema(columns);
    Path temp = null;
    try {
      temp = Files.createTempFile("cleanrooms-result-", ".parquet");
      writePart(temp, columns, rows, Integer.MAX_VALUE, cancelled);
      s3.putFile(target, temp);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result to " + target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static long writePart(Path file, List<ColumnSpec> columns, Iterator<Object[]> rows, int rowsPerPart,
      BooleanSupplier cancelled) throws IOException {
    long count = 0;
    try (ParquetWriter<Object[]> writer = new Builder(new LocalOutputFile(file), columns)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      while (count < rowsPerPart && rows.hasNext()) {
        writer.write(rows.next());
        count++;
        if (count % CANCEL_POLL_ROWS == 0) {
          checkCancelled(cancelled);
        }
      }
    }
    return count;
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("the job was cancelled while its result was being written");
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("cannot delete temp file {}", file, e);
      }
    }
  }

  /** parquet-java's builder, bound to {@link RowWriteSupport}. */
  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final List<ColumnSpec> columns;

    Builder(OutputFile file, List<ColumnSpec> columns) {
      super(file);
      this.columns = columns;
    }

    @Override
    protected Builder self() {
      return this;
    }

    // Deprecated in favour of the ParquetConfiguration overload, yet still abstract, so it must be implemented.
    @SuppressWarnings("deprecation")
    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(columns);
    }
  }
}
