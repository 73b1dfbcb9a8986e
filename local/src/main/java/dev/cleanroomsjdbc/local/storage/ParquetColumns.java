package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Maps Glue column types to Parquet types the way Spark writes them, and Java values to Parquet values. */
final class ParquetColumns {

  /** Writes one non-null value of a column to a record consumer. */
  @FunctionalInterface
  interface ValueWriter {
    void write(RecordConsumer consumer, Object value);
  }

  private ParquetColumns() {}

  /** The Parquet schema (every column OPTIONAL) Spark would write for these columns. */
  static MessageType schema(List<ColumnSpec> columns) {
    List<Type> fields = new ArrayList<>();
    for (ColumnSpec column : columns) {
      fields.add(field(column.name(), GlueType.parse(column.name(), column.type())));
    }
    return new MessageType("spark_schema", fields);
  }

  private static Type field(String name, GlueType type) {
    return switch (type.kind()) {
      case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(name);
      case INT -> Types.optional(PrimitiveTypeName.INT32).named(name);
      case SMALLINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
      case TINYINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(name);
      case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case FLOAT -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
      case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
      case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
      case DECIMAL -> decimalField(name, type.precision(), type.scale());
    };
  }

  private static Type decimalField(String name, int precision, int scale) {
    LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(scale, precision);
    if (precision <= 9) {
      return Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name);
    }
    if (precision <= 18) {
      return Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name);
    }
    return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(precision))
        .as(decimal).named(name);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of this precision (Spark's rule). */
  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  /** A writer for one column's non-null values; it accepts the Java types listed in ParquetResultWriter. */
  static ValueWriter writer(ColumnSpec column) {
    GlueType type = GlueType.parse(column.name(), column.type());
    String name = column.name();
    return switch (type.kind()) {
      case STRING -> (c, v) -> c.addBinary(Binary.fromString(v.toString()));
      case BIGINT -> (c, v) -> c.addLong(number(name, v).longValue());
      case INT, SMALLINT, TINYINT -> (c, v) -> c.addInteger(number(name, v).intValue());
      case DOUBLE -> (c, v) -> c.addDouble(number(name, v).doubleValue());
      case FLOAT -> (c, v) -> c.addFloat(number(name, v).floatValue());
      case BOOLEAN -> (c, v) -> c.addBoolean(bool(name, v));
      case DATE -> (c, v) -> c.addInteger(Math.toIntExact(localDate(name, v).toEpochDay()));
      case TIMESTAMP -> (c, v) -> c.addLong(epochMicros(instant(name, v)));
      case DECIMAL -> decimalWriter(name, type);
    };
  }

  private static ValueWriter decimalWriter(String name, GlueType type) {
    int precision = type.precision();
    int scale = type.scale();
    int bytes = decimalBytes(precision);
    return (c, v) -> {
      BigInteger unscaled = decimal(name, v).setScale(scale, RoundingMode.HALF_UP).unscaledValue();
      if (unscaled.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) {
        throw new IllegalArgumentException(
            "value " + v + " of column " + name + " does not fit decimal(" + precision + "," + scale + ")");
      }
      if (precision <= 9) {
        c.addInteger(unscaled.intValueExact());
      } else if (precision <= 18) {
        c.addLong(unscaled.longValueExact());
      } else {
        c.addBinary(Binary.fromConstantByteArray(signExtended(unscaled.toByteArray(), bytes)));
      }
    };
  }

  private static byte[] signExtended(byte[] twosComplement, int length) {
    byte[] out = new byte[length];
    byte pad = (byte) (twosComplement[0] < 0 ? 0xFF : 0);
    int offset = length - twosComplement.length;
    for (int i = 0; i < offset; i++) {
      out[i] = pad;
    }
    System.arraycopy(twosComplement, 0, out, offset, twosComplement.length);
    return out;
  }

  private static Number number(String column, Object v) {
    if (v instanceof Number n) {
      return n;
    }
    throw wrongType(column, v, "a number");
  }

  private static BigDecimal decimal(String column, Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    throw wrongType(column, v, "a BigDecimal");
  }

  private static boolean bool(String column, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(column, v, "a Boolean");
  }

  private static LocalDate localDate(String column, Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    throw wrongType(column, v, "a LocalDate or java.sql.Date");
  }

  private static Instant instant(String column, Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    throw wrongType(column, v, "an Instant, LocalDateTime, OffsetDateTime or java.sql.Timestamp");
  }

  static long epochMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static IllegalArgumentException wrongType(String column, Object v, String expected) {
    return new IllegalArgumentException("column " + column + " expects " + expected + " but got "
        + v.getClass().getName() + " (" + v + ")");
  }
}
