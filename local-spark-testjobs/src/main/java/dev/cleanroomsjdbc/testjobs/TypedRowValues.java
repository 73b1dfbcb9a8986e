package dev.cleanroomsjdbc.testjobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows {@link TypedRows} computes, as plain Java (no Spark class), so that tests outside Spark's class loader
 * can check every value.
 */
public final class TypedRowValues {
  /** The columns as {name, Glue type} pairs. */
  public static final List<String[]> COLUMNS = List.of(
      new String[] {"id", "bigint"}, new String[] {"name", "string"}, new String[] {"qty", "int"},
      new String[] {"price", "double"}, new String[] {"amount", "decimal(12,2)"}, new String[] {"active", "boolean"},
      new String[] {"day", "date"}, new String[] {"at", "timestamp"});
  /** Rows written when the {@code rows} parameter is not given (SDK 2.40.2 cannot send job parameters). */
  public static final long DEFAULT_ROWS = 5000;
  static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  static final long FIRST_MILLIS = 1_700_000_000_000L;

  private TypedRowValues() {}

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
}
