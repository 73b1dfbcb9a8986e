package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.execution.SqlState;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * A parameter value as a {@link SqlLiteral} of its type, written by a dialect's own unparse: the one conversion
 * from bound values to SQL text, for the SQL pushed to Clean Rooms ({@link CleanRoomsSqlDialect}) and for the
 * driver's own SQL where a template's arguments are bound before Calcite plans it. Every value goes through a
 * typed literal (a number through BigDecimal, a date through LocalDate...) and strings through the dialect's
 * quoting, so no value can change the statement around it.
 */
public final class SqlLiterals {
  private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME_TEXT = DateTimeFormatter.ofPattern("HH:mm:ss");

  private SqlLiterals() {}

  /**
   * {@code value} as a literal of {@code type} (null or ANY: the value's own type) in {@code dialect}; fails with
   * 22023 naming the 1-based {@code parameter} when the value is not one of the type.
   */
  public static String write(Object value, SqlTypeName type, SqlDialect dialect, int parameter)
      throws SQLException {
    try {
      return of(value, type == null ? SqlTypeName.ANY : type).toSqlString(dialect).getSql();
    } catch (RuntimeException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Parameter " + parameter + " is " + type + ", and the "
          + value.getClass().getSimpleName() + " value given for it is not one (" + e.getMessage() + ")", e);
    }
  }

  /** The text a value stands for, as Clean Rooms takes template arguments (dates ISO, numbers plain). */
  public static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime().format(TIME_TEXT);
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().format(TIMESTAMP_TEXT);
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
    }
    return value.toString();
  }

  static SqlLiteral of(Object value, SqlTypeName type) {
    SqlParserPos pos = SqlParserPos.ZERO;
    if (value == null) {
      return SqlLiteral.createNull(pos);
    }
    SqlTypeName t = type == SqlTypeName.ANY || type == SqlTypeName.NULL || type == SqlTypeName.UNKNOWN
        ? typeOf(value) : type;
    return switch (t) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> SqlLiteral.createExactNumeric(
          number(value).toBigIntegerExact().toString(), pos);
      case DECIMAL, REAL, FLOAT, DOUBLE -> SqlLiteral.createExactNumeric(number(value).toPlainString(), pos);
      case BOOLEAN -> SqlLiteral.createBoolean(bool(value), pos);
      case DATE -> SqlLiteral.createDate(new DateString(date(value).toString()), pos);
      case TIME -> SqlLiteral.createTime(new TimeString(time(value).format(TIME_TEXT)), 0, pos);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP,
          new TimestampString(timestamp(value).format(TIMESTAMP_TEXT)), 3, pos);
      case BINARY, VARBINARY -> SqlLiteral.createBinaryString((byte[]) value, pos);
      default -> SqlLiteral.createCharString(text(value), pos);
    };
  }

  private static SqlTypeName typeOf(Object value) {
    if (value instanceof Boolean) {
      return SqlTypeName.BOOLEAN;
    } else if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      return SqlTypeName.DECIMAL;
    } else if (value instanceof Number) {
      return SqlTypeName.BIGINT;
    } else if (value instanceof java.sql.Date) {
      return SqlTypeName.DATE;
    } else if (value instanceof java.sql.Time) {
      return SqlTypeName.TIME;
    } else if (value instanceof Timestamp) {
      return SqlTypeName.TIMESTAMP;
    } else if (value instanceof byte[]) {
      return SqlTypeName.VARBINARY;
    }
    return SqlTypeName.VARCHAR;
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("Clean Rooms SQL has no literal for " + d);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return new BigDecimal(value.toString().trim());
  }

  private static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = value.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("1")) {
      return true;
    }
    if (s.equals("false") || s.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException("not true or false");
  }

  // A number for a DATE, TIME or TIMESTAMP is Calcite's own representation of it (as the DataContext of a planned
  // statement holds bound values): days since 1970-01-01, milliseconds of the day, milliseconds since the epoch.
  private static LocalDate date(Object value) {
    if (value instanceof Number n) {
      return LocalDate.ofEpochDay(n.longValue());
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    return LocalDate.parse(value.toString().trim());
  }

  private static LocalTime time(Object value) {
    if (value instanceof Number n) {
      return LocalTime.ofNanoOfDay(n.longValue() * 1_000_000L);
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    return LocalTime.parse(value.toString().trim());
  }

  private static LocalDateTime timestamp(Object value) {
    if (value instanceof Number n) {
      long millis = n.longValue();
      return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
          java.time.ZoneOffset.UTC);
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay();
    }
    return LocalDateTime.parse(value.toString().trim().replace(' ', 'T'));
  }
}
