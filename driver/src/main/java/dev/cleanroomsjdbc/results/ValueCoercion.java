package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Brings a value read from a result file to Calcite's representation of the type the plan expects: a pushed-down
 * query's columns are typed by Calcite, while Spark chooses the types it writes (an INT for a COUNT, say).
 */
public final class ValueCoercion {
  private ValueCoercion() {}

  public static Object coerce(Object value, SqlTypeName target) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return switch (target) {
        case TINYINT -> n.byteValue();
        case SMALLINT -> n.shortValue();
        case INTEGER, DATE -> n.intValue();
        case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> n.longValue();
        case REAL, FLOAT -> n.floatValue();
        case DOUBLE -> n.doubleValue();
        case DECIMAL -> n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        case CHAR, VARCHAR -> n.toString();
        case BOOLEAN -> n.intValue() != 0;
        default -> value;
      };
    }
    if (value instanceof String s) {
      return switch (target) {
        case TINYINT -> Byte.valueOf(s.trim());
        case SMALLINT -> Short.valueOf(s.trim());
        case INTEGER -> Integer.valueOf(s.trim());
        case BIGINT -> Long.valueOf(s.trim());
        case REAL, FLOAT -> Float.valueOf(s.trim());
        case DOUBLE -> Double.valueOf(s.trim());
        case DECIMAL -> new BigDecimal(s.trim());
        case BOOLEAN -> Boolean.valueOf(s.trim());
        default -> s;
      };
    }
    return value;
  }
}
