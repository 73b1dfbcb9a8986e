package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.spark.bridge.SparkColumn;
import dev.cleanroomsjdbc.local.spark.bridge.SparkTable;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import dev.cleanroomsjdbc.local.storage.TableReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies a referenced table's data files from the local S3 to local disk, where Spark reads them: once per content
 * (the folder is named after the endpoint, keys, sizes and ETags), with the local Clean Rooms' own S3 identity.
 */
final class TableStaging {
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

  private TableStaging() {}

  static SparkTable stage(LocalS3 s3, String alias, TableSource table) {
    List<S3Location> files = TableReader.dataFiles(s3, table.dataPrefix());
    Map<String, S3Object> listing = new java.util.HashMap<>();
    for (S3Object o : s3.listObjects(table.dataPrefix())) {
      listing.put(o.key(), o);
    }
    StringBuilder identity = new StringBuilder(s3.endpoint() + "\n" + table.dataPrefix() + "\n");
    for (S3Location file : files) {
      S3Object o = listing.get(file.key());
      identity.append(file.key()).append(' ').append(o == null ? "" : o.size() + " " + o.eTag()).append('\n');
    }
    Path dir = SparkEngines.workDir().resolve("tables").resolve(sha256(identity.toString()));
    synchronized (LOCKS.computeIfAbsent(dir.toString(), k -> new Object())) {
      if (!Files.isDirectory(dir)) {
        download(s3, table, files, dir);
      }
    }
    List<SparkColumn> columns = table.columns().stream().map(c -> new SparkColumn(c.name(), c.type())).toList();
    String format = table.format() == null ? "PARQUET" : table.format().toUpperCase(Locale.ROOT);
    List<String> fileColumns = format.equals("CSV") ? csvHeader(dir, table.columns()) : List.of();
    return new SparkTable(alias, format, dir, columns, fileColumns);
  }

  private static void download(LocalS3 s3, TableSource table, List<S3Location> files, Path dir) {
    try {
      Path temp = Files.createDirectories(
          dir.resolveSibling(dir.getFileName() + ".partial-" + Thread.currentThread().getId()));
      int n = 0;
      for (S3Location file : files) {
        String base = file.key().substring(file.key().lastIndexOf('/') + 1);
        // One flat folder: Spark then discovers no partition columns the Glue table does not declare.
        s3.download(file, temp.resolve(String.format("%05d-%s", n++, base)));
      }
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage table " + table.name() + " to " + dir, e);
    }
  }

  /**
   * The header's names in file order; when it names none of the columns, the columns are taken by position, as
   * the local Clean Rooms' own CSV reader does.
   */
  private static List<String> csvHeader(Path dir, List<ColumnSpec> columns) {
    List<String> header = new ArrayList<>();
    try (var files = Files.list(dir)) {
      Path first = files.sorted().findFirst().orElse(null);
      if (first != null) {
        try (Reader in = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
          for (CSVRecord record : CSVFormat.DEFAULT.parse(in)) {
            record.forEach(header::add);
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (header.isEmpty()) {
      return columns.stream().map(ColumnSpec::name).toList();
    }
    boolean named = columns.stream().anyMatch(c -> header.stream().anyMatch(h -> h.strip().equalsIgnoreCase(c.name())));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      names.add(named ? header.get(i).strip() : i < columns.size() ? columns.get(i).name() : "_c" + i);
    }
    return names;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
