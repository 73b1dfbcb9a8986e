package dev.cleanroomsjdbc.schema;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Functions the driver's SQL adds to standard SQL because BI tools write them: {@code TO_DATE(text, format)} and
 * {@code TO_TIMESTAMP(text, format)}, Tableau's date and datetime literals in its generic (SQL92) dialect, e.g.
 * {@code TO_DATE('2024-01-31', 'yyyy-MM-dd')}. Formats are Java/ICU patterns with Spark's meaning, and text that
 * does not parse gives NULL, as Spark's {@code to_date}/{@code to_timestamp} do; so a call over literals is
 * evaluated while planning and one over columns can be pushed down to Clean Rooms (Spark SQL) unchanged.
 */
public final class SqlFunctions {
  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "TO_DATE", "TO_DATE(text[, format]): text as a DATE, read with a Java/Spark date pattern (default yyyy-MM-dd);"
          + " NULL where it does not parse",
      "TO_TIMESTAMP", "TO_TIMESTAMP(text[, format]): text as a TIMESTAMP, read with a Java/Spark pattern (default"
          + " yyyy-MM-dd HH:mm:ss); NULL where it does not parse",
      JobResultFunction.NAME, "TABLE(cleanrooms.job_result('<job id>', '<result name>')): a finished protected"
          + " job's named result, read again from S3 without running anything",
      CancelJobFunction.NAME, "CALL cleanrooms.cancel_job('<job or query id>'): cancels a protected job or query of"
          + " this membership and waits until the service confirms it ended");

  private SqlFunctions() {}

  /** Adds the functions to the connection's root schema, where unqualified names find them. */
  public static void addTo(SchemaPlus root) {
    root.add("TO_DATE", ScalarFunctionImpl.create(SqlFunctions.class, "toDate"));
    root.add("TO_DATE", ScalarFunctionImpl.create(SqlFunctions.class, "toDateIso"));
    root.add("TO_TIMESTAMP", ScalarFunctionImpl.create(SqlFunctions.class, "toTimestamp"));
    root.add("TO_TIMESTAMP", ScalarFunctionImpl.create(SqlFunctions.class, "toTimestampIso"));
  }

  /** What a function of the driver's SQL does, for DatabaseMetaData.getFunctions; null for others. */
  public static String description(String name) {
    return DESCRIPTIONS.get(name);
  }

  public static Date toDate(String text, String format) {
    if (text == null || format == null) {
      return null;
    }
    try {
      return Date.valueOf(LocalDate.parse(text.trim(), formatter(format)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null;
    }
  }

  public static Date toDateIso(String text) {
    return toDate(text, "yyyy-MM-dd");
  }

  public static Timestamp toTimestamp(String text, String format) {
    if (text == null || format == null) {
      return null;
    }
    try {
      return Timestamp.valueOf(LocalDateTime.parse(text.trim(), formatter(format)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null;
    }
  }

  public static Timestamp toTimestampIso(String text) {
    return toTimestamp(text, "yyyy-MM-dd HH:mm:ss");
  }

  /** A pattern whose missing fields take Spark's defaults: midnight, the first month, the first day. */
  private static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
        .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter(Locale.ROOT);
  }
}
