package dev.cleanroomsjdbc.results;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Up to {@link #CAPACITY} consecutive rows of a result, column by column: integral, date and time values as
 * {@code long} (DATE in days, TIME and TIMESTAMP in milliseconds, UTC, BOOLEAN as 0/1), floating point as
 * {@code double}, everything else (String, BigDecimal, byte[]) as objects, with a null flag per value. Decoder
 * threads fill a batch and hand it over whole, so that the reader's {@code next()} touches no queue per row.
 */
public final class ColumnBatch {
  /** Rows per batch: large enough that the hand-over costs nothing per row, small enough to stay in cache. */
  public static final int CAPACITY = 4_096;

  /** How a column's values are held. */
  public enum Kind { LONG, DOUBLE, OBJECT }

  private final int capacity;
  private final long[][] longs;
  private final double[][] doubles;
  private final Object[][] objects;
  private final boolean[][] nulls;
  private int size;

  ColumnBatch(Kind[] kinds, int capacity) {
    this.capacity = capacity;
    this.longs = new long[kinds.length][];
    this.doubles = new double[kinds.length][];
    this.objects = new Object[kinds.length][];
    this.nulls = new boolean[kinds.length][];
    for (int c = 0; c < kinds.length; c++) {
      switch (kinds[c]) {
        case LONG -> longs[c] = new long[capacity];
        case DOUBLE -> doubles[c] = new double[capacity];
        default -> objects[c] = new Object[capacity];
      }
      nulls[c] = new boolean[capacity];
    }
  }

  /** The representation of each column of {@code rowType}. */
  public static Kind[] kinds(RelDataType rowType) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    Kind[] kinds = new Kind[fields.size()];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = kind(fields.get(c).getType().getSqlTypeName());
    }
    return kinds;
  }

  static Kind kind(SqlTypeName type) {
    return switch (type) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP -> Kind.LONG;
      case REAL, FLOAT, DOUBLE -> Kind.DOUBLE;
      default -> Kind.OBJECT;
    };
  }

  public int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  void size(int rows) {
    this.size = rows;
  }

  /** The long values of column {@code c} (0-based), or null when it holds doubles or objects. */
  public long[] longs(int c) {
    return longs[c];
  }

  public double[] doubles(int c) {
    return doubles[c];
  }

  public Object[] objects(int c) {
    return objects[c];
  }

  public boolean[] nulls(int c) {
    return nulls[c];
  }

  /** Stores a value in Calcite's representation (as RowSource rows hold it) at {@code row} of column {@code c}. */
  void put(int c, int row, Object value) {
    if (value == null) {
      nulls[c][row] = true;
      return;
    }
    nulls[c][row] = false;
    if (longs[c] != null) {
      longs[c][row] = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
    } else if (doubles[c] != null) {
      doubles[c][row] = ((Number) value).doubleValue();
    } else {
      objects[c][row] = value instanceof ByteString bytes ? bytes.getBytes() : value;
    }
  }

  /** Row {@code row} in Calcite's representation, the way a RowSource gives it (for the Calcite path). */
  Object[] row(int row, SqlTypeName[] types) {
    Object[] values = new Object[types.length];
    for (int c = 0; c < types.length; c++) {
      if (nulls[c][row]) {
        continue;
      }
      values[c] = switch (types[c]) {
        case BOOLEAN -> longs[c][row] != 0;
        case TINYINT -> (byte) longs[c][row];
        case SMALLINT -> (short) longs[c][row];
        case INTEGER, DATE, TIME -> (int) longs[c][row];
        case BIGINT, TIMESTAMP -> longs[c][row];
        case REAL, FLOAT -> (float) doubles[c][row];
        case DOUBLE -> doubles[c][row];
        case DECIMAL -> (BigDecimal) objects[c][row];
        default -> objects[c][row] instanceof byte[] b ? new ByteString(b) : objects[c][row];
      };
    }
    return values;
  }
}
