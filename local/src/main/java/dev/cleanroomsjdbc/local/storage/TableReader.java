package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.engine.TableSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Streams a table's rows from S3, one data file at a time, as Java values of its Glue column types (String, Long,
 * Integer, Short, Byte, Double, Float, BigDecimal, Boolean, LocalDate, Instant).
 */
public final class TableReader {
  private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);

  private TableReader() {}

  /**
   * Opens the table; the caller closes the iterator. Reading problems surface from {@code hasNext}/{@code next}
   * as {@link TableDataException}.
   *
   * @throws IllegalArgumentException a column has an unsupported Glue type or the format is not PARQUET or CSV
   */
  public static CloseableIterator<Object[]> open(LocalS3 s3, TableSource table) {
    List<String> names = table.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    GlueType[] types = table.columns().stream()
        .map(c -> GlueType.parse(c.name(), c.type())).toArray(GlueType[]::new);
    String format = table.format() == null ? "PARQUET" : table.format().toUpperCase(Locale.ROOT);
    if (!format.equals("PARQUET") && !format.equals("CSV")) {
      throw new IllegalArgumentException("table " + table.name() + " has unsupported format " + table.format()
          + "; the local Clean Rooms reads PARQUET and CSV");
    }
    List<S3Location> files = dataFiles(s3, table.dataPrefix());
    LOG.debug("table {}: {} {} file(s) under {}", table.name(), files.size(), format, table.dataPrefix());
    return new FilesIterator(files, file -> openFile(s3, table, file, format, names, types));
  }

  /** The data files of a table: the object itself, or every object under the prefix that is not a marker. */
  public static List<S3Location> dataFiles(LocalS3 s3, S3Location prefix) {
    List<S3Object> objects = s3.listObjects(prefix);
    for (S3Object o : objects) {
      if (o.key().equals(prefix.key())) {
        return List.of(prefix);
      }
    }
    if (!prefix.key().isEmpty() && !prefix.key().endsWith("/")) {
      // "data/t" must not pick up "data/t2/..."
      objects = s3.listObjects(new S3Location(prefix.bucket(), prefix.key() + "/"));
    }
    List<S3Location> files = new ArrayList<>();
    for (S3Object o : objects) {
      String base = o.key().substring(o.key().lastIndexOf('/') + 1);
      boolean marker = base.startsWith("_") || base.startsWith(".") || base.endsWith(".crc") || base.isEmpty();
      if (!marker && o.size() != null && o.size() > 0) {
        files.add(new S3Location(prefix.bucket(), o.key()));
      }
    }
    return files;
  }

  private static CloseableIterator<Object[]> openFile(LocalS3 s3, TableSource table, S3Location file, String format,
      List<String> names, GlueType[] types) {
    try {
      if (format.equals("CSV")) {
        InputStream in = s3.client().getObject(b -> b.bucket(file.bucket()).key(file.key()));
        return new CsvFileRows(in, names, types);
      }
      // Parquet needs random access (the footer is at the end), so the file is fetched to local disk first.
      Path temp = Files.createTempFile("cleanrooms-table-", ".parquet");
      try {
        s3.download(file, temp);
        ParquetFileRows rows = new ParquetFileRows(temp, names, types);
        return new DeletingRows(rows, temp);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new TableDataException("cannot read " + file + " of table " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /** Opens one file's rows. */
  @FunctionalInterface
  private interface FileOpener {
    CloseableIterator<Object[]> open(S3Location file);
  }

  /** Chains the files' rows, keeping only the current file open. */
  private static final class FilesIterator implements CloseableIterator<Object[]> {
    private final Iterator<S3Location> files;
    private final FileOpener opener;
    private CloseableIterator<Object[]> current;
    private S3Location currentFile;

    FilesIterator(List<S3Location> files, FileOpener opener) {
      this.files = files.iterator();
      this.opener = opener;
    }

    @Override
    public boolean hasNext() {
      try {
        while (current == null || !current.hasNext()) {
          close();
          if (!files.hasNext()) {
            return false;
          }
          currentFile = files.next();
          current = opener.open(currentFile);
        }
        return true;
      } catch (TableDataException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TableDataException("cannot read " + currentFile + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        return current.next();
      } catch (RuntimeException e) {
        throw new TableDataException("cannot read " + currentFile + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (current != null) {
        CloseableIterator<Object[]> open = current;
        current = null;
        open.close();
      }
    }
  }

  /** Deletes the local copy of a Parquet file once its rows are closed. */
  private record DeletingRows(CloseableIterator<Object[]> rows, Path file) implements CloseableIterator<Object[]> {
    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Object[] next() {
      return rows.next();
    }

    @Override
    public void close() {
      try {
        rows.close();
      } finally {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.warn("cannot delete temp file {}", file, e);
        }
      }
    }
  }
}
