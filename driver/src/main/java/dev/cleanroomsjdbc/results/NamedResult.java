package dev.cleanroomsjdbc.results;

import java.util.List;

/**
 * One result of a job or query: a name (the sub-folder, or {@code result}), a format ({@link #PARQUET} or
 * {@link #CSV}) and its data files in key order.
 */
public record NamedResult(String name, String format, List<ResultFile> files) {

  /** Format of results written as Parquet. */
  public static final String PARQUET = "parquet";
  /** Format of results written as CSV with a header row. */
  public static final String CSV = "csv";

  public NamedResult {
    files = List.copyOf(files);
  }
}
