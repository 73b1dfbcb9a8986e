package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet converters for primitive columns that hand each value to a {@link ValueSink} in Calcite's internal
 * representation (SQL mode) or in a JSON-friendly one (inside nested values).
 */
final class PrimitiveConverters {

  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private PrimitiveConverters() {
  }

  static PrimitiveConverter create(PrimitiveType type, ValueSink sink, boolean json) {
    SqlTypeName sql = ParquetTypes.primitiveSqlTypeName(type);
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new PrimitiveConverter() {
          @Override
          public void addBoolean(boolean value) {
            sink.accept(value);
          }
        };
      case FLOAT:
        return new PrimitiveConverter() {
          @Override
          public void addFloat(float value) {
            sink.accept(value);
          }
        };
      case DOUBLE:
        return new PrimitiveConverter() {
          @Override
          public void addDouble(double value) {
            sink.accept(value);
          }
        };
      case INT32:
        return int32(int32Decoder(sql, logical, json), sink);
      case INT64:
        return int64(int64Decoder(sql, logical, json), sink);
      case INT96:
        return new BinaryConverter(b -> timestamp(int96Millis(b), json), sink);
      default:
        return new BinaryConverter(binaryDecoder(sql, type, json), sink);
    }
  }

  private static PrimitiveConverter int32(IntFunction<Object> decode, ValueSink sink) {
    return new PrimitiveConverter() {
      @Override
      public void addInt(int value) {
        sink.accept(decode.apply(value));
      }
    };
  }

  private static PrimitiveConverter int64(LongFunction<Object> decode, ValueSink sink) {
    return new PrimitiveConverter() {
      @Override
      public void addLong(long value) {
        sink.accept(decode.apply(value));
      }
    };
  }

  private static IntFunction<Object> int32Decoder(SqlTypeName sql, LogicalTypeAnnotation logical, boolean json) {
    switch (sql) {
      case TINYINT:
        return v -> (byte) v;
      case SMALLINT:
        // SMALLINT from INT32 is INT(16) signed, or INT(8) unsigned widened
        return isUnsigned(logical) ? v -> (short) (v & 0xFF) : v -> (short) v;
      case INTEGER:
        return isUnsigned(logical) ? v -> v & 0xFFFF : v -> v;
      case BIGINT:
        return v -> Integer.toUnsignedLong(v);
      case DATE:
        return json ? v -> LocalDate.ofEpochDay(v).toString() : v -> v;
      case TIME:
        return v -> time(v, json);
      case DECIMAL:
        int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
        return v -> BigDecimal.valueOf(v, scale);
      default:
        return v -> v;
    }
  }

  private static LongFunction<Object> int64Decoder(SqlTypeName sql, LogicalTypeAnnotation logical, boolean json) {
    switch (sql) {
      case TIMESTAMP: {
        long divisor = unitDivisor(((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).getUnit());
        return v -> timestamp(Math.floorDiv(v, divisor), json);
      }
      case TIME: {
        long divisor = unitDivisor(((LogicalTypeAnnotation.TimeLogicalTypeAnnotation) logical).getUnit());
        return v -> time((int) Math.floorDiv(v, divisor), json);
      }
      case DECIMAL:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          return v -> BigDecimal.valueOf(v, scale);
        }
        // unsigned INT64
        return v -> new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
      default:
        return v -> v;
    }
  }

  private static Function<Binary, Object> binaryDecoder(SqlTypeName sql, PrimitiveType type, boolean json) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (sql == SqlTypeName.DECIMAL) {
      int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
      return b -> new BigDecimal(new BigInteger(b.getBytes()), scale);
    }
    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
      return b -> {
        ByteBuffer buf = b.toByteBuffer();
        return new UUID(buf.getLong(buf.position()), buf.getLong(buf.position() + 8)).toString();
      };
    }
    if (sql == SqlTypeName.VARCHAR) {
      return Binary::toStringUsingUTF8;
    }
    return json ? Binary::getBytes : b -> new ByteString(b.getBytes());
  }

  private static boolean isUnsigned(LogicalTypeAnnotation logical) {
    return logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
  }

  private static long unitDivisor(TimeUnit unit) {
    switch (unit) {
      case MICROS:
        return 1_000L;
      case NANOS:
        return 1_000_000L;
      default:
        return 1L;
    }
  }

  private static Object timestamp(long millis, boolean json) {
    return json ? Instant.ofEpochMilli(millis).toString() : (Object) millis;
  }

  private static Object time(int millisOfDay, boolean json) {
    return json ? LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L).toString() : (Object) millisOfDay;
  }

  /** Spark's legacy INT96 timestamp: nanos of day (8 bytes) then Julian day (4 bytes), little-endian. */
  static long int96Millis(Binary value) {
    ByteBuffer buf = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong(buf.position());
    long julianDay = buf.getInt(buf.position() + 8);
    return (julianDay - JULIAN_DAY_OF_EPOCH) * MILLIS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000_000L);
  }

  /** Decodes dictionary pages once, so that repeated strings are not decoded again for every row. */
  private static final class BinaryConverter extends PrimitiveConverter {
    private final Function<Binary, Object> decode;
    private final ValueSink sink;
    private Object[] dictionary;

    BinaryConverter(Function<Binary, Object> decode, ValueSink sink) {
      this.decode = decode;
      this.sink = sink;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      Object[] values = new Object[dict.getMaxId() + 1];
      for (int i = 0; i < values.length; i++) {
        values[i] = decode.apply(dict.decodeToBinary(i));
      }
      dictionary = values;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      sink.accept(dictionary[dictionaryId]);
    }

    @Override
    public void addBinary(Binary value) {
      sink.accept(decode.apply(value));
    }
  }
}
