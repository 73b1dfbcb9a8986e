package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns a result location into named results, following the layouts that jobs and queries write. */
final class ResultLister {

  /** The name of the result formed by data files directly under the location (the query layout). */
  static final String DEFAULT_NAME = "result";

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final S3Objects objects;

  ResultLister(S3Objects objects) {
    this.objects = objects;
  }

  List<NamedResult> list(URI location) throws SQLException {
    S3Objects.Entry root;
    try {
      root = S3Objects.locate(location, 0);
    } catch (IllegalArgumentException e) {
      throw SqlState.RESULT_IO_ERROR.exception("Result location " + location + " is not an s3:// URI", e);
    }
    String scheme = location.getScheme().toLowerCase(Locale.ROOT);
    try {
      List<NamedResult> results = new ArrayList<>();
      // a protected query's location may name its single output object
      Optional<S3Objects.Entry> single = root.key().isEmpty() || root.key().endsWith("/")
          ? Optional.empty() : objects.head(root.bucket(), root.key());
      if (single.isPresent()) {
        if (!isHidden(single.get().name())) {
          PartFiles.verify(location.toString(), List.of(single.get()));
          results.add(result(scheme, DEFAULT_NAME, List.of(single.get())));
        }
      } else {
        String prefix = root.key().isEmpty() || root.key().endsWith("/") ? root.key() : root.key() + "/";
        S3Objects.Listing top = objects.list(root.bucket(), prefix);
        List<S3Objects.Entry> direct = dataFiles(location.toString(), top.objects());
        if (!direct.isEmpty()) {
          results.add(result(scheme, DEFAULT_NAME, direct));
        }
        for (String folder : top.prefixes()) {
          String name = folder.substring(prefix.length(), folder.length() - 1);
          if (!isHidden(name)) {
            List<S3Objects.Entry> files = dataFiles("s3://" + root.bucket() + "/" + folder,
                objects.list(root.bucket(), folder).objects());
            if (!files.isEmpty()) {
              results.add(result(scheme, name, files));
            }
          }
        }
      }
      if (results.isEmpty()) {
        throw missing(location);
      }
      results.sort(Comparator.comparing(NamedResult::name));
      return List.copyOf(results);
    } catch (SQLException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw SqlState.RESULT_IO_ERROR.exception("Cannot list the results at " + location + ": " + e.getMessage()
          + ". Check that the connection's S3 credentials may read this bucket.", e);
    }
  }

  private static SQLException missing(URI location) {
    return SqlState.RESULT_IO_ERROR.exception("No result files at " + location + ": the job's results are missing"
        + " (deleted, expired, or written somewhere else). Re-run the job to produce them again.");
  }

  private NamedResult result(String scheme, String name, List<S3Objects.Entry> files) throws IOException {
    List<ResultFile> out = new ArrayList<>(files.size());
    for (S3Objects.Entry f : files) {
      out.add(new ResultFile(URI.create(scheme + "://" + f.bucket() + "/" + f.key()), f.size()));
    }
    return new NamedResult(name, formatOf(files.get(0)), out);
  }

  /** The data files among {@code listed}, in key order, checked for what the layout can tell is missing. */
  private static List<S3Objects.Entry> dataFiles(String folder, List<S3Objects.Entry> listed) throws SQLException {
    List<S3Objects.Entry> files = new ArrayList<>();
    for (S3Objects.Entry e : listed) {
      // "folder/" markers have an empty name; an empty data file is kept, for PartFiles to refuse
      if (!isHidden(e.name())) {
        files.add(e);
      }
    }
    files.sort(Comparator.comparing(S3Objects.Entry::key));
    PartFiles.verify(folder, files);
    return files;
  }

  /** Spark and Hadoop bookkeeping files: _SUCCESS, _committed_*, _started_*, .crc and dot files. */
  static boolean isHidden(String name) {
    return name.isEmpty() || name.startsWith("_") || name.startsWith(".") || name.endsWith(".crc");
  }

  private String formatOf(S3Objects.Entry file) throws IOException {
    String name = file.name().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return NamedResult.PARQUET;
    }
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return NamedResult.CSV;
    }
    // Clean Rooms may write objects without an extension: Parquet files start with their magic
    byte[] head = new byte[PARQUET_MAGIC.length];
    try (InputStream in = objects.open(file)) {
      int n = in.readNBytes(head, 0, head.length);
      return n == head.length && Arrays.equals(head, PARQUET_MAGIC) ? NamedResult.PARQUET : NamedResult.CSV;
    }
  }

  /** True if the file is gzip-compressed CSV. */
  static boolean isGzip(URI file) {
    return file.getPath().toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
