package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a result's rows to S3 as RFC 4180 CSV with a header row: either Spark-style part files followed by an
 * empty {@code _SUCCESS}, or one object. A null is an empty field; timestamps are UTC like Spark's default
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}.
 */
public final class CsvResultWriter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final int CANCEL_POLL_ROWS = 256;

  private CsvResultWriter() {}

  /**
   * Writes {@code folder/part-00000-<uuid>-c000.csv}, {@code c001}, ... (each with the header row) as one Spark task
   * splitting its output at {@code maxRecordsPerFile} names them, and then {@code _SUCCESS}.
   *
   * @param rowsPerPart a new part file starts after this many rows; an empty result still gets one part
   * @throws CancellationException cancelled turned true; parts already uploaded stay
   */
  public static List<S3Location> write(LocalS3 s3, S3Location folder, List<ColumnSpec> columns,
      Iterator<Object[]> rows, int rowsPerPart, BooleanSupplier cancelled) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    String uuid = UUID.randomUUID().toString();
    List<S3Location> written = new ArrayList<>();
    int part = 0;
    do {
      S3Location target = folder.resolve(String.format("part-00000-%s-c%03d.csv", uuid, part));
      upload(s3, target, columns, rows, rowsPerPart, cancelled);
      written.add(target);
      part++;
    } while (rows.hasNext());
    S3Location success = folder.resolve("_SUCCESS");
    s3.putBytes(success, new byte[0]);
    written.add(success);
    return written;
  }

  /** Writes every row into the one object {@code target}. */
  public static S3Location writeSingle(LocalS3 s3, S3Location target, List<ColumnSpec> columns,
      Iterator<Object[]> rows, BooleanSupplier cancelled) {
    upload(s3, target, columns, rows, Long.MAX_VALUE, cancelled);
    return target;
  }

  private static void upload(LocalS3 s3, S3Location target, List<ColumnSpec> columns, Iterator<Object[]> rows,
      long limit, BooleanSupplier cancelled) {
    Path temp = null;
    try {
      temp = Files.createTempFile("cleanrooms-result-", ".csv");
      writeFile(temp, columns, rows, limit, cancelled);
      s3.putFile(target, temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result to " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private static void writeFile(Path file, List<ColumnSpec> columns, Iterator<Object[]> rows, long limit,
      BooleanSupplier cancelled) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setHeader(columns.stream().map(ColumnSpec::name).toArray(String[]::new))
        .setNullString("")
        .get();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(out, format)) {
      long count = 0;
      while (count < limit && rows.hasNext()) {
        Object[] row = rows.next();
        List<Object> values = new ArrayList<>(row.length);
        for (Object value : row) {
          values.add(text(value));
        }
        printer.printRecord(values);
        if (++count % CANCEL_POLL_ROWS == 0 && cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled while the result was being written");
        }
      }
    }
  }

  private static Object text(Object value) {
    if (value instanceof Instant t) {
      return TIMESTAMP.format(t);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value;
  }
}
