package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Turns a result location into named results, following the layouts that jobs and queries write. */
final class ResultLister {

  /** The name of the result formed by data files directly under the location (the query layout). */
  static final String DEFAULT_NAME = "result";

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final S3AFileSystems fileSystems;

  ResultLister(S3AFileSystems fileSystems) {
    this.fileSystems = fileSystems;
  }

  List<NamedResult> list(URI location) throws SQLException {
    Path root;
    try {
      root = S3AFileSystems.toS3APath(location);
    } catch (IllegalArgumentException e) {
      throw SqlState.RESULT_IO_ERROR.exception("Result location " + location + " is not an s3:// URI", e);
    }
    String scheme = location.getScheme();
    try {
      FileSystem fs = fileSystems.forPath(root);
      FileStatus self = fs.getFileStatus(root);
      List<NamedResult> results = new ArrayList<>();
      if (self.isFile()) {
        // a protected query's location may name its single output object
        if (self.getLen() > 0 && !isHidden(root.getName())) {
          results.add(new NamedResult(DEFAULT_NAME, formatOf(fs, self), List.of(toFile(scheme, self))));
        }
      } else {
        FileStatus[] children = sorted(fs.listStatus(root));
        List<FileStatus> direct = dataFiles(children);
        if (!direct.isEmpty()) {
          results.add(result(fs, scheme, DEFAULT_NAME, direct));
        }
        for (FileStatus child : children) {
          if (child.isDirectory() && !isHidden(child.getPath().getName())) {
            List<FileStatus> files = dataFiles(sorted(fs.listStatus(child.getPath())));
            if (!files.isEmpty()) {
              results.add(result(fs, scheme, child.getPath().getName(), files));
            }
          }
        }
      }
      if (results.isEmpty()) {
        throw missing(location, null);
      }
      results.sort(Comparator.comparing(NamedResult::name));
      return List.copyOf(results);
    } catch (FileNotFoundException e) {
      throw missing(location, e);
    } catch (IOException | RuntimeException e) {
      throw SqlState.RESULT_IO_ERROR.exception("Cannot list the results at " + location + ": " + e.getMessage()
          + ". Check that the connection's S3 credentials may read this bucket.", e);
    }
  }

  private static SQLException missing(URI location, Throwable cause) {
    return SqlState.RESULT_IO_ERROR.exception("No result files at " + location + ": the job's results are missing"
        + " (deleted, expired, or written somewhere else). Re-run the job to produce them again.", cause);
  }

  private NamedResult result(FileSystem fs, String scheme, String name, List<FileStatus> files) throws IOException {
    List<ResultFile> out = new ArrayList<>(files.size());
    for (FileStatus f : files) {
      out.add(toFile(scheme, f));
    }
    return new NamedResult(name, formatOf(fs, files.get(0)), out);
  }

  private static ResultFile toFile(String scheme, FileStatus status) {
    URI s3a = status.getPath().toUri();
    String prefix = scheme == null ? "s3" : scheme.toLowerCase(Locale.ROOT);
    return new ResultFile(URI.create(prefix + "://" + s3a.getHost() + s3a.getRawPath()), status.getLen());
  }

  private static FileStatus[] sorted(FileStatus[] statuses) {
    FileStatus[] copy = statuses.clone();
    Arrays.sort(copy, Comparator.comparing(s -> s.getPath().getName()));
    return copy;
  }

  private static List<FileStatus> dataFiles(FileStatus[] statuses) {
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus s : statuses) {
      // zero-byte objects are folder markers or empty placeholders, never data
      if (s.isFile() && s.getLen() > 0 && !isHidden(s.getPath().getName())) {
        files.add(s);
      }
    }
    return files;
  }

  /** Spark and Hadoop bookkeeping files: _SUCCESS, _committed_*, _started_*, .crc and dot files. */
  static boolean isHidden(String name) {
    return name.isEmpty() || name.startsWith("_") || name.startsWith(".") || name.endsWith(".crc");
  }

  private static String formatOf(FileSystem fs, FileStatus file) throws IOException {
    String name = file.getPath().getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return NamedResult.PARQUET;
    }
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return NamedResult.CSV;
    }
    // Clean Rooms may write objects without an extension: Parquet files start with their magic
    byte[] head = new byte[PARQUET_MAGIC.length];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      int n = in.readNBytes(head, 0, head.length);
      return n == head.length && Arrays.equals(head, PARQUET_MAGIC) ? NamedResult.PARQUET : NamedResult.CSV;
    }
  }

  /** True if the file is gzip-compressed CSV. */
  static boolean isGzip(URI file) {
    return file.getPath().toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
