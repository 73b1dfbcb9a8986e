package dev.cleanroomsjdbc.metadata;

import java.sql.Types;
import java.util.Locale;

/** Clean Rooms' analysis template ParameterType values as {@link java.sql.Types}. */
final class ParameterTypes {
  private ParameterTypes() {}

  static int jdbcType(String parameterType) {
    return switch (parameterType.toUpperCase(Locale.ROOT)) {
      case "SMALLINT", "SHORT" -> Types.SMALLINT;
      case "INTEGER", "INT" -> Types.INTEGER;
      case "BIGINT", "LONG" -> Types.BIGINT;
      case "TINYINT", "BYTE" -> Types.TINYINT;
      case "DECIMAL", "NUMERIC" -> Types.DECIMAL;
      case "REAL", "FLOAT" -> Types.REAL;
      case "DOUBLE", "DOUBLE_PRECISION" -> Types.DOUBLE;
      case "BOOLEAN" -> Types.BOOLEAN;
      case "CHAR", "CHARACTER" -> Types.CHAR;
      case "DATE" -> Types.DATE;
      case "TIME" -> Types.TIME;
      case "TIMETZ" -> Types.TIME_WITH_TIMEZONE;
      case "TIMESTAMP", "TIMESTAMP_NTZ" -> Types.TIMESTAMP;
      case "TIMESTAMPTZ", "TIMESTAMP_LTZ" -> Types.TIMESTAMP_WITH_TIMEZONE;
      case "VARBYTE", "BINARY" -> Types.VARBINARY;
      default -> Types.VARCHAR;
    };
  }
}
