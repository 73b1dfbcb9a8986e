package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.metadata.JdbcTypes.JdbcType;
import java.util.Locale;
import org.apache.calcite.sql.type.SqlTypeName;

/** Clean Rooms' analysis template ParameterType values as SQL types, for procedure columns and ParameterMetaData. */
public final class ParameterTypes {
  private ParameterTypes() {}

  public static SqlTypeName sqlType(String parameterType) {
    return switch (parameterType.toUpperCase(Locale.ROOT)) {
      case "SMALLINT", "SHORT" -> SqlTypeName.SMALLINT;
      case "INTEGER", "INT" -> SqlTypeName.INTEGER;
      case "BIGINT", "LONG" -> SqlTypeName.BIGINT;
      case "TINYINT", "BYTE" -> SqlTypeName.TINYINT;
      case "DECIMAL", "NUMERIC" -> SqlTypeName.DECIMAL;
      case "REAL", "FLOAT" -> SqlTypeName.REAL;
      case "DOUBLE", "DOUBLE_PRECISION" -> SqlTypeName.DOUBLE;
      case "BOOLEAN" -> SqlTypeName.BOOLEAN;
      case "CHAR", "CHARACTER" -> SqlTypeName.CHAR;
      case "DATE" -> SqlTypeName.DATE;
      case "TIME", "TIMETZ" -> SqlTypeName.TIME;
      case "TIMESTAMP", "TIMESTAMP_NTZ" -> SqlTypeName.TIMESTAMP;
      case "TIMESTAMPTZ", "TIMESTAMP_LTZ" -> SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
      case "VARBYTE", "BINARY" -> SqlTypeName.VARBINARY;
      default -> SqlTypeName.VARCHAR;
    };
  }

  public static JdbcType jdbcType(String parameterType) {
    return JdbcTypes.of(sqlType(parameterType), -1, 0);
  }
}
