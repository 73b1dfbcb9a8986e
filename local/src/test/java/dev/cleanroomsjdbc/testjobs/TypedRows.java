package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A test job with one result {@code rows} of N rows (analysis parameter {@code rows}, default 5000) covering every
 * common type, each value a pure function of the row index so a test can check every value.
 */
public class TypedRows implements JvmEntryPoint {
  public static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("id", "bigint"),
      new ColumnSpec("name", "string"),
      new ColumnSpec("qty", "int"),
      new ColumnSpec("price", "double"),
      new ColumnSpec("amount", "decimal(12,2)"),
      new ColumnSpec("active", "boolean"),
      new ColumnSpec("day", "date"),
      new ColumnSpec("at", "timestamp"));
  /** Rows written when the {@code rows} parameter is not given (SDK 2.40.2 cannot send job parameters). */
  public static final long DEFAULT_ROWS = 5000;

  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  private static final long FIRST_MILLIS = 1_700_000_000_000L;

  /**
   * Row {@code i} as JDBC returns it: Long, String, Integer, Double, BigDecimal (scale 2), Boolean, LocalDate,
   * Instant (whole milliseconds); every 7th row ({@code i % 7 == 0}) is null except {@code id}.
   */
  public static Object[] expectedRow(long i) {
    if (i % 7 == 0) {
      return new Object[] {i, null, null, null, null, null, null, null};
    }
    return new Object[] {
      i,
      "name-" + i,
      (int) (i % 1000) - 500,
      i * 0.25,
      BigDecimal.valueOf(i * 137 - 50_000, 2),
      i % 2 == 0,
      FIRST_DAY.plusDays(i % 3650),
      Instant.ofEpochMilli(FIRST_MILLIS + i * 1_001L)
    };
  }

  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) {
    long count = Long.parseLong(context.analysisParameters().getOrDefault("rows", String.valueOf(DEFAULT_ROWS)));
    Iterator<Object[]> rows = LongStream.range(0, count).mapToObj(TypedRows::expectedRow).iterator();
    Map<String, ResultTable> results = new LinkedHashMap<>();
    results.put("rows", new ResultTable(COLUMNS, rows));
    return results;
  }
}
