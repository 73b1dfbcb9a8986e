package dev.cleanroomsjdbc.results;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Maps Parquet column types to SQL types (see docs/results.md for the table). */
final class ParquetTypes {

  private ParquetTypes() {
  }

  /** The row type of a file: one nullable column per top-level field, named as in the file. */
  static RelDataType rowType(MessageType schema, RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (Type field : schema.getFields()) {
      builder.add(field.getName(), columnType(field, factory));
    }
    return builder.build();
  }

  static RelDataType columnType(Type field, RelDataTypeFactory factory) {
    SqlTypeName name = sqlTypeName(field);
    RelDataType type;
    if (name == SqlTypeName.DECIMAL) {
      int[] ps = decimalPrecisionScale(field.asPrimitiveType());
      type = factory.createSqlType(SqlTypeName.DECIMAL, ps[0], ps[1]);
    } else if (name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIME) {
      type = factory.createSqlType(name, 3);
    } else {
      type = factory.createSqlType(name);
    }
    return factory.createTypeWithNullability(type, true);
  }

  /** The SQL type of a top-level field; nested and repeated fields become VARCHAR holding JSON. */
  static SqlTypeName sqlTypeName(Type field) {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return SqlTypeName.VARCHAR;
    }
    return primitiveSqlTypeName(field.asPrimitiveType());
  }

  /** The SQL type of one primitive value, whatever the field's repetition. */
  static SqlTypeName primitiveSqlTypeName(PrimitiveType p) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      return SqlTypeName.DECIMAL;
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return SqlTypeName.BOOLEAN;
      case FLOAT:
        return SqlTypeName.REAL;
      case DOUBLE:
        return SqlTypeName.DOUBLE;
      case INT96:
        return SqlTypeName.TIMESTAMP;
      case INT32:
        return int32Type(logical);
      case INT64:
        return int64Type(logical);
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
      default:
        return isText(logical) ? SqlTypeName.VARCHAR : SqlTypeName.VARBINARY;
    }
  }

  private static SqlTypeName int32Type(LogicalTypeAnnotation logical) {
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return SqlTypeName.DATE;
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return SqlTypeName.TIME;
    }
    if (logical instanceof IntLogicalTypeAnnotation i) {
      int bits = i.getBitWidth();
      if (!i.isSigned()) {
        // widen unsigned values so that every one fits
        return bits == 8 ? SqlTypeName.SMALLINT : bits == 16 ? SqlTypeName.INTEGER : SqlTypeName.BIGINT;
      }
      return bits == 8 ? SqlTypeName.TINYINT : bits == 16 ? SqlTypeName.SMALLINT : SqlTypeName.INTEGER;
    }
    return SqlTypeName.INTEGER;
  }

  private static SqlTypeName int64Type(LogicalTypeAnnotation logical) {
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      return SqlTypeName.TIMESTAMP;
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return SqlTypeName.TIME;
    }
    if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
      return SqlTypeName.DECIMAL;
    }
    return SqlTypeName.BIGINT;
  }

  static boolean isText(LogicalTypeAnnotation logical) {
    return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
  }

  /** Precision and scale of a DECIMAL column; unsigned INT64 becomes DECIMAL(20, 0). */
  static int[] decimalPrecisionScale(PrimitiveType p) {
    if (p.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation d) {
      return new int[] {d.getPrecision(), d.getScale()};
    }
    return new int[] {20, 0};
  }
}
