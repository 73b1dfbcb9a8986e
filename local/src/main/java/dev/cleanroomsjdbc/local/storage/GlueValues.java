package dev.cleanroomsjdbc.local.storage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Converts stored values (CSV text, Parquet values) to the Java type of a Glue column: String, Long, Integer,
 * Short, Byte, Double, Float, BigDecimal, Boolean, LocalDate or Instant.
 */
public final class GlueValues {
  /** Hive's text form ({@code 2024-01-31 12:00:00.123}), with an optional {@code T}, fraction and offset. */
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  private GlueValues() {}

  /**
   * Parses a CSV field.
   *
   * @throws IllegalArgumentException the text is not a value of the type
   */
  public static Object parse(String text, GlueType type) {
    if (text == null) {
      return null;
    }
    if (type.kind() == GlueType.Kind.STRING) {
      return text;
    }
    String t = text.trim();
    try {
      return switch (type.kind()) {
        case STRING -> text;
        case BIGINT -> Long.parseLong(t);
        case INT -> Integer.parseInt(t);
        case SMALLINT -> Short.parseShort(t);
        case TINYINT -> Byte.parseByte(t);
        case DOUBLE -> Double.parseDouble(t);
        case FLOAT -> Float.parseFloat(t);
        case DECIMAL -> new BigDecimal(t).setScale(type.scale(), RoundingMode.HALF_UP);
        case BOOLEAN -> parseBoolean(t);
        case DATE -> LocalDate.parse(t);
        case TIMESTAMP -> parseTimestamp(t);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a " + type.glueName(), e);
    }
  }

  private static Boolean parseBoolean(String t) {
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("'" + t + "' is not a boolean (true or false)");
  }

  private static Instant parseTimestamp(String t) {
    var parsed = TIMESTAMP.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
    // Glue timestamps have no zone; the local Clean Rooms reads them as UTC, as Spark does with session zone UTC.
    return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  /**
   * Converts a value read from a typed file (Parquet) to the column's Java type.
   *
   * @throws IllegalArgumentException the value cannot be represented in the type
   */
  public static Object coerce(Object v, GlueType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s && type.kind() != GlueType.Kind.STRING) {
      return parse(s, type);
    }
    return switch (type.kind()) {
      case STRING -> v.toString();
      case BIGINT -> number(v, type).longValue();
      case INT -> number(v, type).intValue();
      case SMALLINT -> number(v, type).shortValue();
      case TINYINT -> number(v, type).byteValue();
      case DOUBLE -> number(v, type).doubleValue();
      case FLOAT -> number(v, type).floatValue();
      case DECIMAL -> decimal(v, type);
      case BOOLEAN -> bool(v, type);
      case DATE -> date(v, type);
      case TIMESTAMP -> instant(v, type);
    };
  }

  private static Number number(Object v, GlueType type) {
    if (v instanceof Number n) {
      return n;
    }
    throw mismatch(v, type);
  }

  private static BigDecimal decimal(Object v, GlueType type) {
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof Double || v instanceof Float) {
      d = BigDecimal.valueOf(((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      d = BigDecimal.valueOf(n.longValue());
    } else {
      throw mismatch(v, type);
    }
    return d.setScale(type.scale(), RoundingMode.HALF_UP);
  }

  private static Boolean bool(Object v, GlueType type) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw mismatch(v, type);
  }

  private static LocalDate date(Object v, GlueType type) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Instant i) {
      return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
    throw mismatch(v, type);
  }

  private static Instant instant(Object v, GlueType type) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    throw mismatch(v, type);
  }

  private static IllegalArgumentException mismatch(Object v, GlueType type) {
    return new IllegalArgumentException(v.getClass().getSimpleName() + " value " + v + " cannot be read as "
        + type.glueName());
  }
}
