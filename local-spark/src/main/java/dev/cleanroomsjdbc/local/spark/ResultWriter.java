package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes a job's named results as the service does: Spark's Parquet part files and {@code _SUCCESS} per name. */
final class ResultWriter {
  /** A result name becomes one S3 folder name, so it stays a plain path segment. */
  private static final Pattern RESULT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.=-]{0,127}");

  private ResultWriter() {}

  /** Fails with MALFORMED_SCRIPT unless every name is a distinct, plain folder name. */
  static void checkNames(Iterable<String> names) throws SparkJobFailure {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || !RESULT_NAME.matcher(name).matches()) {
        throw new SparkJobFailure("MALFORMED_SCRIPT", "result name '" + name + "' is not allowed; use letters,"
            + " digits, '_', '-', '.' or '=' (it becomes a folder name)");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new SparkJobFailure("MALFORMED_SCRIPT", "two results are named '" + name + "'");
      }
    }
  }

  /** Writes every result in order; returns the names. */
  static List<String> writeAll(Map<String, Dataset<Row>> results, Path resultDir, int rowsPerFile,
      JobGroup group, UserCodeWatch watch) throws SparkJobFailure {
    if (results == null || results.isEmpty()) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "the entry point returned no results; return"
          + " {\"results\": {name: DataFrame}}");
    }
    checkNames(results.keySet());
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> result : results.entrySet()) {
      if (result.getValue() == null) {
        throw new SparkJobFailure("MALFORMED_SCRIPT", "result '" + result.getKey() + "' is not a DataFrame");
      }
      try {
        result.getValue().write().mode(SaveMode.ErrorIfExists)
            .option("compression", "snappy")
            .option("maxRecordsPerFile", rowsPerFile)
            .parquet(resultDir.resolve(result.getKey()).toAbsolutePath().toUri().toString());
      } catch (Exception e) {
        group.throwIfCancelled(e);
        refuseRdd(watch, group);
        throw Failures.of("MALFORMED_SCRIPT", "result '" + result.getKey() + "': ", e);
      }
      names.add(result.getKey());
    }
    refuseRdd(watch, group);
    return names;
  }

  static void refuseRdd(UserCodeWatch watch, JobGroup group) throws SparkJobFailure {
    String refusal = watch.refusal(group.id());
    if (refusal != null) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", refusal);
    }
  }
}
