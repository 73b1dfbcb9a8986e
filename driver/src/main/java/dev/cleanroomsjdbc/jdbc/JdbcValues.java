package dev.cleanroomsjdbc.jdbc;

import dev.cleanroomsjdbc.execution.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The JDBC 4.2 value conversions, in one plain class for every result set and statement of the driver:
 * {@code getObject(column, Class)} from the value {@code getObject(column)} returns, and {@code setObject} from
 * whatever an application binds to the value the driver binds. The java.time mappings are those of the JDBC 4.2
 * specification (table B-4): DATE is {@link LocalDate}, TIME {@link LocalTime}, TIMESTAMP {@link LocalDateTime}.
 * Clean Rooms (Spark) timestamps are instants written in UTC, so a TIMESTAMP also reads as an {@link Instant} or an
 * {@link OffsetDateTime} at UTC, as pgjdbc reads a timestamp without time zone.
 */
public final class JdbcValues {
  private JdbcValues() {}

  /**
   * {@code value} (as {@code getObject(column)} returns it: java.sql.Date, Timestamp, BigDecimal, Long, String...)
   * as an instance of {@code type}; null stays null. Throws 22000 when the value has no such representation.
   */
  public static <T> T convert(Object value, Class<T> type) throws SQLException {
    if (value == null) {
      return null;
    }
    if (type == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("getObject needs a class to convert to, not null");
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    try {
      Object converted = to(value, type);
      if (converted != null) {
        return type.cast(converted);
      }
    } catch (ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
      throw cannot(value, type, e);
    }
    throw cannot(value, type, null);
  }

  private static Object to(Object value, Class<?> type) {
    if (type == Object.class) {
      return value;
    }
    if (type == String.class) {
      return text(value);
    }
    if (value instanceof Number n) {
      return number(n, type);
    }
    if (value instanceof Boolean b) {
      return bool(b, type);
    }
    if (value instanceof String s) {
      return fromText(s.trim(), type);
    }
    if (value instanceof Date d) {
      return date(d.toLocalDate(), type);
    }
    if (value instanceof Time t) {
      return type == LocalTime.class ? t.toLocalTime() : null;
    }
    if (value instanceof Timestamp ts) {
      return timestamp(ts.toLocalDateTime(), type);
    }
    return null;
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.toString();
  }

  private static Object number(Number n, Class<?> type) {
    BigDecimal exact = n instanceof BigDecimal d ? d
        : n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
        : new BigDecimal(n.toString());
    if (type == Long.class || type == long.class) {
      return exact.longValueExact();
    } else if (type == Integer.class || type == int.class) {
      return exact.intValueExact();
    } else if (type == Short.class || type == short.class) {
      return exact.shortValueExact();
    } else if (type == Byte.class || type == byte.class) {
      return exact.byteValueExact();
    } else if (type == BigDecimal.class) {
      return exact;
    } else if (type == BigInteger.class) {
      return exact.toBigIntegerExact();
    } else if (type == Double.class || type == double.class) {
      return n.doubleValue();
    } else if (type == Float.class || type == float.class) {
      return n.floatValue();
    } else if (type == Boolean.class || type == boolean.class) {
      return exact.signum() != 0;
    }
    return null;
  }

  private static Object bool(boolean b, Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      return b;
    }
    return type == String.class ? Boolean.toString(b) : number(b ? 1 : 0, type);
  }

  private static Object fromText(String s, Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      String l = s.toLowerCase(Locale.ROOT);
      if (l.equals("true") || l.equals("1")) {
        return true;
      }
      if (l.equals("false") || l.equals("0")) {
        return false;
      }
      throw new IllegalArgumentException("not a boolean");
    }
    if (type == LocalDate.class || type == Date.class) {
      return date(LocalDate.parse(s), type);
    }
    if (type == LocalTime.class || type == Time.class) {
      LocalTime t = LocalTime.parse(s);
      return type == Time.class ? Time.valueOf(t) : t;
    }
    if (type == Timestamp.class) {
      return Timestamp.valueOf(LocalDateTime.parse(s.replace(' ', 'T')));
    }
    if (type == byte[].class) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (type == LocalDateTime.class || type == Instant.class || type == OffsetDateTime.class
        || type == ZonedDateTime.class) {
      return timestamp(LocalDateTime.parse(s.replace(' ', 'T')), type);
    }
    return number(new BigDecimal(s), type);
  }

  private static Object date(LocalDate d, Class<?> type) {
    if (type == LocalDate.class) {
      return d;
    }
    return type == Date.class ? Date.valueOf(d) : timestamp(d.atStartOfDay(), type);
  }

  private static Object timestamp(LocalDateTime t, Class<?> type) {
    if (type == LocalDateTime.class) {
      return t;
    } else if (type == Instant.class) {
      return t.toInstant(ZoneOffset.UTC);
    } else if (type == OffsetDateTime.class) {
      return t.atOffset(ZoneOffset.UTC);
    } else if (type == ZonedDateTime.class) {
      return t.atZone(ZoneOffset.UTC);
    } else if (type == LocalDate.class) {
      return t.toLocalDate();
    } else if (type == LocalTime.class) {
      return t.toLocalTime();
    } else if (type == Timestamp.class) {
      return Timestamp.valueOf(t);
    } else if (type == Date.class) {
      return Date.valueOf(t.toLocalDate());
    } else if (type == Time.class) {
      return Time.valueOf(t.toLocalTime());
    }
    return null;
  }

  /**
   * {@code x} (as {@link #bindable} leaves it) converted to the Java class of {@code sqlType}, for
   * {@code setObject(index, x, targetSqlType)}; a type without a simple Java class leaves it as it is.
   */
  public static Object asSqlType(Object x, int sqlType) throws SQLException {
    if (x == null) {
      return null;
    }
    Class<?> target = switch (sqlType) {
      case Types.BIT, Types.BOOLEAN -> Boolean.class;
      case Types.TINYINT -> Byte.class;
      case Types.SMALLINT -> Short.class;
      case Types.INTEGER -> Integer.class;
      case Types.BIGINT -> Long.class;
      case Types.REAL -> Float.class;
      case Types.FLOAT, Types.DOUBLE -> Double.class;
      case Types.DECIMAL, Types.NUMERIC -> BigDecimal.class;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB, Types.NCLOB -> String.class;
      case Types.DATE -> Date.class;
      case Types.TIME -> Time.class;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Timestamp.class;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> byte[].class;
      default -> null;
    };
    return target == null ? x : convert(x, target);
  }

  /**
   * What the driver binds for a value given to {@code setObject}: the java.time types as the java.sql types the
   * statement understands (a zoned or offset value at its UTC instant, as Clean Rooms stores timestamps), other
   * numbers as BigDecimal, characters as text; anything else unchanged.
   */
  public static Object bindable(Object x) throws SQLException {
    if (x instanceof LocalDate d) {
      return Date.valueOf(d);
    } else if (x instanceof LocalDateTime t) {
      return Timestamp.valueOf(t);
    } else if (x instanceof LocalTime t) {
      return Time.valueOf(t);
    } else if (x instanceof Instant i) {
      return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    } else if (x instanceof OffsetDateTime o) {
      return bindable(o.toInstant());
    } else if (x instanceof ZonedDateTime z) {
      return bindable(z.toInstant());
    } else if (x instanceof OffsetTime t) {
      return Time.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    } else if (x instanceof BigInteger b) {
      return new BigDecimal(b);
    } else if (x instanceof Character c) {
      return c.toString();
    } else if (x instanceof java.util.Date d && !(x instanceof Date || x instanceof Time || x instanceof Timestamp)) {
      return new Timestamp(d.getTime());
    } else if (x instanceof java.util.UUID u) {
      return u.toString();
    }
    return x;
  }

  private static SQLException cannot(Object value, Class<?> type, Exception cause) {
    return SqlState.DATA_EXCEPTION.exception("Cannot convert the " + value.getClass().getSimpleName() + " value '"
        + abbreviate(text(value)) + "' to " + type.getName(), cause);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
