package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** A Parquet schema with every supported column type, and rows whose expected SQL values follow from an index. */
final class AllTypesFixture {

  static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message spark_schema {
        optional binary s (STRING);
        optional binary e (ENUM);
        optional binary j (JSON);
        optional binary raw;
        optional int32 i;
        optional int32 i8 (INTEGER(8,true));
        optional int32 i16 (INTEGER(16,true));
        optional int32 d (DATE);
        optional int32 dec32 (DECIMAL(9,2));
        optional int64 l;
        optional int64 ts_millis (TIMESTAMP(MILLIS,true));
        optional int64 ts_micros (TIMESTAMP(MICROS,true));
        optional int64 ts_nanos (TIMESTAMP(NANOS,false));
        optional int64 dec64 (DECIMAL(18,4));
        optional int96 ts96;
        optional float f;
        optional double db;
        optional boolean b;
        optional fixed_len_byte_array(9) decfixed (DECIMAL(20,3));
        optional binary decbin (DECIMAL(30,5));
        optional group tags (LIST) {
          repeated group list {
            optional binary element (STRING);
          }
        }
        optional group attrs (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional int32 value;
          }
        }
        optional group point {
          optional double x;
          optional double y;
        }
        repeated int32 nums;
      }
      """);

  static final int COLUMNS = SCHEMA.getFieldCount();

  private AllTypesFixture() {
  }

  /** Every seventh row (index 3, 10, ...) is all nulls. */
  static boolean isNullRow(int i) {
    return i % 7 == 3;
  }

  static Group row(int i) {
    Group g = new SimpleGroup(SCHEMA);
    if (isNullRow(i)) {
      return g;
    }
    g.add("s", "s-" + i + "-é\"q\"");
    g.add("e", i % 2 == 0 ? "RED" : "GREEN");
    g.add("j", "{\"k\":" + i + "}");
    g.add("raw", Binary.fromConstantByteArray(rawBytes(i)));
    g.add("i", i * 1000 - 7);
    g.add("i8", i % 128 - 64);
    g.add("i16", i * 3 - 1000);
    g.add("d", 19_000 + i);
    g.add("dec32", i * 101 - 50);
    g.add("l", i * 10_000_000_000L - 1);
    g.add("ts_millis", 1_700_000_000_123L + i * 1000L);
    g.add("ts_micros", i == 2 ? -1L : (1_700_000_000_123L + i) * 1000 + 456);
    g.add("ts_nanos", (1_600_000_000_000L + i) * 1_000_000 + 789);
    g.add("dec64", i * 123_456_789L);
    g.add("ts96", new NanoTime(2_440_588 + 19_000 + i, 3_600_000_000_000L + 123_456_789L));
    g.add("f", i + 0.5f);
    g.add("db", i * 1.25 - 3);
    g.add("b", i % 2 == 0);
    g.add("decfixed", Binary.fromConstantByteArray(fixed(decFixed(i).unscaledValue(), 9)));
    g.add("decbin", Binary.fromConstantByteArray(decBinary(i).unscaledValue().toByteArray()));
    Group list = g.addGroup("tags");
    list.addGroup("list").add("element", "a" + i);
    list.addGroup("list");
    list.addGroup("list").add("element", "b");
    Group map = g.addGroup("attrs");
    Group entry = map.addGroup("key_value");
    entry.add("key", "k1");
    entry.add("value", i);
    map.addGroup("key_value").add("key", "k2");
    g.addGroup("point").add("x", i * 0.5);
    g.add("nums", i);
    g.add("nums", i + 1);
    return g;
  }

  /** The row as Calcite's internal values, in schema order. */
  static Object[] expected(int i) {
    if (isNullRow(i)) {
      Object[] nulls = new Object[COLUMNS];
      nulls[COLUMNS - 1] = "[]"; // a repeated column with no values is an empty array, not null
      return nulls;
    }
    return new Object[] {
        "s-" + i + "-é\"q\"",
        i % 2 == 0 ? "RED" : "GREEN",
        "{\"k\":" + i + "}",
        new ByteString(rawBytes(i)),
        i * 1000 - 7,
        (byte) (i % 128 - 64),
        (short) (i * 3 - 1000),
        19_000 + i,
        BigDecimal.valueOf(i * 101L - 50, 2),
        i * 10_000_000_000L - 1,
        1_700_000_000_123L + i * 1000L,
        i == 2 ? -1L : 1_700_000_000_123L + i,
        1_600_000_000_000L + i,
        BigDecimal.valueOf(i * 123_456_789L, 4),
        (19_000L + i) * 86_400_000L + 3_600_123L,
        i + 0.5f,
        i * 1.25 - 3,
        i % 2 == 0,
        decFixed(i),
        decBinary(i),
        "[\"a" + i + "\",null,\"b\"]",
        "{\"k1\":" + i + ",\"k2\":null}",
        "{\"x\":" + (i * 0.5) + ",\"y\":null}",
        "[" + i + "," + (i + 1) + "]",
    };
  }

  private static byte[] rawBytes(int i) {
    return new byte[] {(byte) i, (byte) (i + 1), (byte) 0xFF, 0};
  }

  /** Odd rows are negative, to check sign extension of the fixed-length two's complement. */
  private static BigDecimal decFixed(int i) {
    BigDecimal base = new BigDecimal("12345678901234567.891").add(BigDecimal.valueOf(i));
    return i % 2 == 1 ? base.negate() : base;
  }

  private static BigDecimal decBinary(int i) {
    return new BigDecimal("1234567890123456789012345.12345").subtract(BigDecimal.valueOf(i));
  }

  /** Big-endian two's complement, sign-extended to {@code length} bytes. */
  private static byte[] fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    byte[] out = new byte[length];
    Arrays.fill(out, unscaled.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
    return out;
  }
}
