package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import org.apache.spark.sql.AnalysisException;

/**
 * Turns what Spark or user code threw into the job's outcome: a {@link SparkJobFailure} with the service's code and
 * Spark's own message (its first lines, without the plan), never with a Spark class as its cause.
 */
final class Failures {
  private Failures() {}

  /**
   * @param malformedCode MALFORMED_SCRIPT for jobs, MALFORMED_QUERY for queries
   * @param context what was running, e.g. {@code result 'totals': }
   */
  static SparkJobFailure of(String malformedCode, String context, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkJobFailure failure) {
        return failure;
      }
      if (t instanceof Guard.Refused refused) {
        return new SparkJobFailure(malformedCode, context + refused.getMessage());
      }
    }
    if (isDataProblem(e)) {
      return new SparkJobFailure("INVALID_RESOURCE", context + "a referenced table's data does not match its"
          + " Glue columns: " + firstLine(deepest(e)));
    }
    AnalysisException analysis = find(e, AnalysisException.class);
    return new SparkJobFailure(malformedCode, context + firstLine(analysis != null ? analysis : e));
  }

  /** The message without Spark's appended plan or SQL excerpt, on one line. */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof AnalysisException analysis) {
      message = analysis.getSimpleMessage();
    }
    message = message.strip();
    for (String cut : new String[] {"\n== SQL", ";\n", "\n\n"}) {
      int at = message.indexOf(cut);
      if (at > 0) {
        message = message.substring(0, at);
      }
    }
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static boolean isDataProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      String message = String.valueOf(t.getMessage());
      if (name.endsWith("SchemaColumnConvertNotSupportedException") || name.endsWith("ParquetDecodingException")
          || message.contains("FAILED_READ_FILE") || message.contains("Parquet column cannot be converted")) {
        return true;
      }
    }
    return false;
  }

  private static Throwable deepest(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
