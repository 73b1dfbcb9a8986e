package dev.cleanroomsjdbc.metadata;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How the driver names and sizes a SQL type in JDBC metadata, in one place for {@code getColumns},
 * {@code getTypeInfo}, {@code ResultSetMetaData} and {@code ParameterMetaData}: TYPE_NAME is the bare name (never
 * {@code DECIMAL(10, 2)}), and sizes follow the JDBC specification (COLUMN_SIZE of {@code getColumns}): the
 * precision of a number, the length of a character or binary type ({@link Integer#MAX_VALUE} when unbounded, as
 * Spark's strings are), the length of a datetime's text.
 */
public final class JdbcTypes {
  private JdbcTypes() {}

  /** The digits of TIMESTAMP values: Clean Rooms results carry milliseconds. */
  static final int TIMESTAMP_DIGITS = 3;

  /** A type as JDBC metadata describes it; null sizes are "not applicable". */
  public record JdbcType(int dataType, String typeName, Integer columnSize, Integer decimalDigits, Integer radix,
      Integer charOctetLength) {}

  /** The types a collaboration table's column can have (what {@code GlueTypes} reads), in getTypeInfo's order. */
  static final List<SqlTypeName> TABLE_TYPES = List.of(SqlTypeName.TINYINT, SqlTypeName.BIGINT,
      SqlTypeName.VARBINARY, SqlTypeName.CHAR, SqlTypeName.DECIMAL, SqlTypeName.INTEGER, SqlTypeName.SMALLINT,
      SqlTypeName.REAL, SqlTypeName.DOUBLE, SqlTypeName.VARCHAR, SqlTypeName.BOOLEAN, SqlTypeName.DATE,
      SqlTypeName.TIME, SqlTypeName.TIMESTAMP, SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, SqlTypeName.MAP,
      SqlTypeName.ARRAY, SqlTypeName.ROW);

  public static JdbcType of(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    int precision = name.allowsPrec() ? type.getPrecision() : -1;
    int scale = name.allowsScale() ? type.getScale() : 0;
    return of(name, precision, scale);
  }

  /** The type {@code name} with a declared precision and scale (-1: none declared). */
  public static JdbcType of(SqlTypeName name, int precision, int scale) {
    int jdbc = name.getJdbcOrdinal();
    String typeName = typeName(name);
    return switch (name) {
      case TINYINT -> new JdbcType(jdbc, typeName, 3, 0, 10, null);
      case SMALLINT -> new JdbcType(jdbc, typeName, 5, 0, 10, null);
      case INTEGER -> new JdbcType(jdbc, typeName, 10, 0, 10, null);
      case BIGINT -> new JdbcType(jdbc, typeName, 19, 0, 10, null);
      case REAL, FLOAT -> new JdbcType(jdbc, typeName, 7, null, 10, null);
      case DOUBLE -> new JdbcType(jdbc, typeName, 15, null, 10, null);
      case DECIMAL -> new JdbcType(jdbc, typeName, precision > 0 ? precision : 38, Math.max(scale, 0), 10, null);
      case CHAR, VARCHAR -> {
        int length = precision > 0 ? precision : Integer.MAX_VALUE;
        yield new JdbcType(jdbc, typeName, length, null, null,
            length == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE / 4, length) * 4);
      }
      case BINARY, VARBINARY -> {
        int length = precision > 0 ? precision : Integer.MAX_VALUE;
        yield new JdbcType(jdbc, typeName, length, null, null, length);
      }
      case BOOLEAN -> new JdbcType(jdbc, typeName, 1, null, null, null);
      case DATE -> new JdbcType(jdbc, typeName, 10, null, null, null);
      case TIME -> new JdbcType(jdbc, typeName, 8, 0, null, null);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
        int digits = precision >= 0 ? precision : TIMESTAMP_DIGITS;
        yield new JdbcType(jdbc, typeName, 19 + (digits > 0 ? digits + 1 : 0), digits, null, null);
      }
      default -> new JdbcType(jdbc, typeName, null, null, null, null);
    };
  }

  /** The bare SQL name of a type, as getTypeInfo lists it and TYPE_NAME shows it. */
  static String typeName(SqlTypeName name) {
    return switch (name) {
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case ROW -> "STRUCT";
      default -> name.getName();
    };
  }

  /** A result or parameter column's type name as Calcite gives it (e.g. {@code DECIMAL(10, 2)}), made bare. */
  public static String typeName(String calciteName) {
    if (calciteName == null) {
      return null;
    }
    // strings are UTF-8 (CleanRoomsTypeSystem), which Calcite spells out where its default differs
    calciteName = calciteName.replaceAll(" CHARACTER SET \"[^\"]*\"", "");
    String name = calciteName.replace(" NOT NULL", "").trim();
    if (name.endsWith(" ARRAY") || name.endsWith(" MULTISET")) {
      return "ARRAY"; // VARCHAR ARRAY
    } else if (name.endsWith(" MAP")) {
      return "MAP"; // (VARCHAR, BIGINT) MAP
    } else if (name.startsWith("RecordType") || name.startsWith("ROW")) {
      return "STRUCT";
    }
    int paren = calciteName.indexOf('(');
    String bare = (paren < 0 ? calciteName : calciteName.substring(0, paren)).replace(" NOT NULL", "").trim();
    return bare.equals("TIMESTAMP_WITH_LOCAL_TIME_ZONE") ? "TIMESTAMP WITH LOCAL TIME ZONE" : bare;
  }

  /**
   * A result or parameter column's precision as ResultSetMetaData reports it: the declared precision where there is
   * one, otherwise the JDBC size of the type (an unbounded string is {@link Integer#MAX_VALUE}, not 0).
   */
  public static int precision(int jdbcType, int declared) {
    if (declared > 0) {
      return declared;
    }
    return switch (jdbcType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.BINARY,
          Types.VARBINARY, Types.LONGVARBINARY -> Integer.MAX_VALUE;
      case Types.TINYINT -> 3;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.REAL, Types.FLOAT -> 7;
      case Types.DOUBLE -> 15;
      case Types.DECIMAL, Types.NUMERIC -> 38;
      case Types.BOOLEAN, Types.BIT -> 1;
      case Types.DATE -> 10;
      case Types.TIME -> 8;
      case Types.TIMESTAMP -> 19 + 1 + TIMESTAMP_DIGITS;
      default -> 0;
    };
  }

  /** Whether values of a type can be compared with = and LIKE-free predicates (getTypeInfo's SEARCHABLE). */
  static short searchable(SqlTypeName name) {
    return switch (name) {
      case MAP, ARRAY, ROW -> (short) DatabaseMetaData.typePredNone;
      case CHAR, VARCHAR -> (short) DatabaseMetaData.typeSearchable;
      default -> (short) DatabaseMetaData.typePredBasic;
    };
  }
}
