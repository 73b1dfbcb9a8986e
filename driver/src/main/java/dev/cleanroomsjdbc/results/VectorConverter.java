package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes the values of one flat Parquet column into a {@link ColumnBatch} column, converting each value once:
 * integers, dates and times stay primitive (timestamps to milliseconds, UTC), decimals become BigDecimal at the
 * row type's scale, text becomes String, decoded once per dictionary entry. The column reader calls the
 * {@code add*} method of the stored type; {@link #row} says where the value goes.
 */
abstract class VectorConverter extends PrimitiveConverter {
  int row;
  long[] longs;
  double[] doubles;
  Object[] objects;

  /** Points this converter at column {@code c} of {@code batch}. */
  final void bind(ColumnBatch batch, int c) {
    longs = batch.longs(c);
    doubles = batch.doubles(c);
    objects = batch.objects(c);
  }

  /** The converter for a top-level primitive field read as {@code target} with {@code scale} (for DECIMAL). */
  static VectorConverter create(PrimitiveType type, SqlTypeName target, int scale) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    boolean unsigned = logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new VectorConverter() {
          @Override
          public void addBoolean(boolean value) {
            longs[row] = value ? 1 : 0;
          }
        };
      case FLOAT:
        return new VectorConverter() {
          @Override
          public void addFloat(float value) {
            doubles[row] = value;
          }
        };
      case DOUBLE:
        return new VectorConverter() {
          @Override
          public void addDouble(double value) {
            doubles[row] = value;
          }
        };
      case INT32:
        return int32(target, logical, unsigned, scale);
      case INT64:
        return int64(target, logical, unsigned, scale);
      case INT96:
        return new VectorConverter() {
          @Override
          public void addBinary(Binary value) {
            longs[row] = PrimitiveConverters.int96Millis(value);
          }
        };
      default:
        return new BinaryVector(type, target, scale);
    }
  }

  private static VectorConverter int32(SqlTypeName target, LogicalTypeAnnotation logical, boolean unsigned,
      int scale) {
    if (target == SqlTypeName.DECIMAL) {
      int fileScale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
      return new VectorConverter() {
        @Override
        public void addInt(int value) {
          objects[row] = rescale(BigDecimal.valueOf(value, fileScale), scale);
        }
      };
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return new VectorConverter() {
        @Override
        public void addInt(int value) {
          longs[row] = value; // TIME(MILLIS) is INT32
        }
      };
    }
    if (unsigned) {
      return new VectorConverter() {
        @Override
        public void addInt(int value) {
          longs[row] = Integer.toUnsignedLong(value);
        }
      };
    }
    return new VectorConverter() {
      @Override
      public void addInt(int value) {
        longs[row] = value;
      }
    };
  }

  private static VectorConverter int64(SqlTypeName target, LogicalTypeAnnotation logical, boolean unsigned,
      int scale) {
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
      long divisor = divisor(t.getUnit());
      return new VectorConverter() {
        @Override
        public void addLong(long value) {
          longs[row] = Math.floorDiv(value, divisor);
        }
      };
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
      long divisor = divisor(t.getUnit());
      return new VectorConverter() {
        @Override
        public void addLong(long value) {
          longs[row] = Math.floorDiv(value, divisor);
        }
      };
    }
    if (target == SqlTypeName.DECIMAL) {
      int fileScale = logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
      return new VectorConverter() {
        @Override
        public void addLong(long value) {
          BigDecimal d = unsigned ? new BigDecimal(new BigInteger(Long.toUnsignedString(value)))
              : BigDecimal.valueOf(value, fileScale);
          objects[row] = rescale(d, scale);
        }
      };
    }
    return new VectorConverter() {
      @Override
      public void addLong(long value) {
        longs[row] = value;
      }
    };
  }

  static BigDecimal rescale(BigDecimal d, int scale) {
    return d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP);
  }

  private static long divisor(LogicalTypeAnnotation.TimeUnit unit) {
    return switch (unit) {
      case MICROS -> 1_000L;
      case NANOS -> 1_000_000L;
      default -> 1L;
    };
  }

  /** Text, binary, decimal and UUID columns: dictionary pages are decoded once per entry. */
  private static final class BinaryVector extends VectorConverter {
    private final SqlTypeName target;
    private final int fileScale;
    private final int scale;
    private final boolean uuid;
    private Object[] dictionary;

    BinaryVector(PrimitiveType type, SqlTypeName target, int scale) {
      LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
      this.target = target;
      this.fileScale = logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
      this.scale = scale;
      this.uuid = logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
    }

    private Object decode(Binary b) {
      if (target == SqlTypeName.DECIMAL) {
        return rescale(new BigDecimal(new BigInteger(b.getBytes()), fileScale), scale);
      }
      if (uuid) {
        ByteBuffer buf = b.toByteBuffer();
        return new UUID(buf.getLong(buf.position()), buf.getLong(buf.position() + 8)).toString();
      }
      return target == SqlTypeName.VARCHAR ? b.toStringUsingUTF8() : b.getBytes();
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      Object[] values = new Object[dict.getMaxId() + 1];
      for (int i = 0; i < values.length; i++) {
        values[i] = decode(dict.decodeToBinary(i));
      }
      dictionary = values;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      objects[row] = dictionary[dictionaryId];
    }

    @Override
    public void addBinary(Binary value) {
      objects[row] = decode(value);
    }
  }
}
