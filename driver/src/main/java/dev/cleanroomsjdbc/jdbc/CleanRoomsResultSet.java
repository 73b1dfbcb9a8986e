package dev.cleanroomsjdbc.jdbc;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.BatchStream;
import dev.cleanroomsjdbc.results.ColumnBatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A result streamed from S3 as it is ({@code SELECT * FROM TABLE(cleanrooms.job_result(...))}, a CALL's results):
 * plain getters straight off the decoded {@link ColumnBatch}es, one conversion per value, the values and their
 * string forms those of the driver's Calcite result sets (DATE, TIME and TIMESTAMP are UTC wall clocks, shown in
 * the JVM's time zone by the java.sql classes, or in a {@link Calendar}'s). Forward only, read only.
 */
public final class CleanRoomsResultSet extends StreamedCursor {
  private final SqlTypeName[] types;
  private final int[] precisions;
  private final ZoneShift local = new ZoneShift(TimeZone.getDefault());
  private ZoneShift other;

  public CleanRoomsResultSet(Statement owner, BatchStream stream, RelDataType rowType, ResultSetMetaData metaData,
      ResultSet calcite, SQLWarning warnings, long maxRows) throws SQLException {
    super(owner, stream, metaData, calcite, warnings, maxRows);
    var fields = rowType.getFieldList();
    this.types = new SqlTypeName[fields.size()];
    this.precisions = new int[fields.size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = fields.get(c).getType().getSqlTypeName();
      precisions[c] = fields.get(c).getType().getPrecision();
    }
  }

  @Override
  public Object getObject(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return null;
    }
    return switch (types[c]) {
      case BIGINT -> batch.longs(c)[row];
      case INTEGER -> (int) batch.longs(c)[row];
      case SMALLINT -> (short) batch.longs(c)[row];
      case TINYINT -> (byte) batch.longs(c)[row];
      case BOOLEAN -> batch.longs(c)[row] != 0;
      case DOUBLE, FLOAT -> batch.doubles(c)[row];
      case REAL -> (float) batch.doubles(c)[row];
      case DATE -> new Date(local.shift(batch.longs(c)[row] * DateTimeUtils.MILLIS_PER_DAY));
      case TIME -> new Time(local.shift(batch.longs(c)[row]));
      case TIMESTAMP -> new Timestamp(local.shift(batch.longs(c)[row]));
      default -> batch.objects(c)[row];
    };
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    int c = at(column);
    if (isNull(c) || type == null) {
      return JdbcValues.convert(isNull(c) ? null : getObject(column), type);
    }
    Object direct = null;
    if (types[c] == SqlTypeName.DATE && type == LocalDate.class) {
      direct = LocalDate.ofEpochDay(batch.longs(c)[row]);
    } else if (types[c] == SqlTypeName.TIMESTAMP) {
      long millis = batch.longs(c)[row];
      if (type == Instant.class) {
        direct = Instant.ofEpochMilli(millis);
      } else if (type == LocalDateTime.class) {
        direct = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1_000L),
            (int) Math.floorMod(millis, 1_000L) * 1_000_000, ZoneOffset.UTC);
      } else if (type == OffsetDateTime.class) {
        direct = Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
      }
    }
    return direct != null ? type.cast(direct) : JdbcValues.convert(getObject(column), type);
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    if (map != null && !map.isEmpty()) {
      throw SqlState.FEATURE_NOT_SUPPORTED.exception("Clean Rooms results have no user-defined types to map");
    }
    return getObject(column);
  }

  @Override
  public String getString(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return null;
    }
    return switch (types[c]) {
      case VARCHAR, CHAR -> (String) batch.objects(c)[row];
      case DATE -> DateTimeUtils.unixDateToString((int) batch.longs(c)[row]);
      case TIME -> DateTimeUtils.unixTimeToString((int) batch.longs(c)[row], Math.max(0, precisions[c]));
      case TIMESTAMP -> DateTimeUtils.unixTimestampToString(batch.longs(c)[row], Math.max(0, precisions[c]));
      case BINARY, VARBINARY -> new org.apache.calcite.avatica.util.ByteString((byte[]) batch.objects(c)[row])
          .toString();
      default -> String.valueOf(getObject(column));
    };
  }

  @Override
  public String getNString(int column) throws SQLException {
    return getString(column);
  }

  @Override
  public long getLong(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return 0;
    }
    long[] longs = batch.longs(c);
    if (longs != null) {
      return longs[row];
    }
    double[] doubles = batch.doubles(c);
    return doubles != null ? (long) doubles[row] : number(c).longValue();
  }

  @Override
  public int getInt(int column) throws SQLException {
    return (int) getLong(column);
  }

  @Override
  public short getShort(int column) throws SQLException {
    return (short) getLong(column);
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return (byte) getLong(column);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return 0;
    }
    double[] doubles = batch.doubles(c);
    if (doubles != null) {
      return doubles[row];
    }
    long[] longs = batch.longs(c);
    return longs != null ? longs[row] : number(c).doubleValue();
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return (float) getDouble(column);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return false;
    }
    if (batch.longs(c) != null) {
      return batch.longs(c)[row] != 0;
    }
    if (batch.doubles(c) != null) {
      return batch.doubles(c)[row] != 0;
    }
    Object v = batch.objects(c)[row];
    return v instanceof String s ? JdbcValues.convert(s, Boolean.class) : number(c).signum() != 0;
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return null;
    }
    if (batch.longs(c) != null) {
      return BigDecimal.valueOf(batch.longs(c)[row]);
    }
    return batch.doubles(c) != null ? BigDecimal.valueOf(batch.doubles(c)[row]) : number(c);
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    BigDecimal d = getBigDecimal(column);
    return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
  }

  /** A DECIMAL's value, or text read as a number (22000 when it is none). */
  private BigDecimal number(int c) throws SQLException {
    Object v = batch.objects(c)[row];
    return v instanceof BigDecimal d ? d : JdbcValues.convert(v, BigDecimal.class);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return null;
    }
    Object v = batch.objects(c) == null ? null : batch.objects(c)[row];
    return v instanceof byte[] b ? b : getString(column).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Date getDate(int column) throws SQLException {
    return getDate(column, null);
  }

  @Override
  public Date getDate(int column, Calendar calendar) throws SQLException {
    long millis = wallClock(column);
    return millis == Long.MIN_VALUE ? null : new Date(zone(calendar).shift(millis));
  }

  @Override
  public Time getTime(int column) throws SQLException {
    return getTime(column, null);
  }

  @Override
  public Time getTime(int column, Calendar calendar) throws SQLException {
    long millis = wallClock(column);
    return millis == Long.MIN_VALUE ? null : new Time(zone(calendar).shift(millis));
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    return getTimestamp(column, null);
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
    long millis = wallClock(column);
    return millis == Long.MIN_VALUE ? null : new Timestamp(zone(calendar).shift(millis));
  }

  /** A date or time column's UTC wall clock in milliseconds, text parsed as JDBC does; MIN_VALUE for NULL. */
  private long wallClock(int column) throws SQLException {
    int c = at(column);
    if (isNull(c)) {
      return Long.MIN_VALUE;
    }
    return switch (types[c]) {
      case DATE -> batch.longs(c)[row] * DateTimeUtils.MILLIS_PER_DAY;
      case TIME, TIMESTAMP, BIGINT -> batch.longs(c)[row];
      default -> {
        Timestamp t = JdbcValues.convert(getObject(column), Timestamp.class);
        yield t.getTime() + local.zone().getOffset(t.getTime());
      }
    };
  }

  private ZoneShift zone(Calendar calendar) {
    if (calendar == null) {
      return local;
    }
    if (other == null || !other.zone().hasSameRules(calendar.getTimeZone())) {
      other = new ZoneShift(calendar.getTimeZone());
    }
    return other;
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return getCharacterStream(column);
  }

  @Override
  public InputStream getBinaryStream(int column) throws SQLException {
    byte[] b = getBytes(column);
    return b == null ? null : new ByteArrayInputStream(b);
  }

  @Override
  public InputStream getAsciiStream(int column) throws SQLException {
    return getBinaryStream(column);
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int column) throws SQLException {
    return getBinaryStream(column);
  }

  @Override
  public Array getArray(int column) throws SQLException {
    throw notSupported("getArray (nested values are JSON text: use getString)");
  }

  @Override
  public Blob getBlob(int column) throws SQLException {
    throw notSupported("getBlob (use getBytes)");
  }

  @Override
  public Clob getClob(int column) throws SQLException {
    throw notSupported("getClob (use getString)");
  }

  @Override
  public NClob getNClob(int column) throws SQLException {
    throw notSupported("getNClob (use getString)");
  }

  @Override
  public Ref getRef(int column) throws SQLException {
    throw notSupported("getRef");
  }

  @Override
  public RowId getRowId(int column) throws SQLException {
    throw notSupported("getRowId");
  }

  @Override
  public SQLXML getSQLXML(int column) throws SQLException {
    throw notSupported("getSQLXML");
  }

  @Override
  public URL getURL(int column) throws SQLException {
    throw notSupported("getURL");
  }
}
