package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.jdbc.JdbcValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;

/**
 * The values bound to a prepared statement's parameters, kept by the driver (a layer of the statement's proxy):
 * every {@code setXxx} lands here, {@code setObject} takes the JDBC 4.2 java.time types ({@link JdbcValues}), and
 * an execution fails with 22023 naming the first parameter nobody set, as pgjdbc does, before anything runs.
 */
final class StatementParameters {
  private final Object[] values;
  private final boolean[] set;

  StatementParameters(int count) {
    values = new Object[count];
    set = new boolean[count];
  }

  int count() {
    return values.length;
  }

  /** The value of the 0-based parameter {@code index} as bound (java.sql types, null for SQL NULL). */
  Object value(int index) {
    return values[index];
  }

  /** Fails with 22023 when a parameter has no value. */
  void checkAllSet() throws SQLException {
    for (int i = 0; i < set.length; i++) {
      if (!set[i]) {
        throw SqlState.INVALID_PARAMETER_VALUE.exception("No value specified for parameter " + (i + 1)
            + " of " + set.length);
      }
    }
  }

  /** Hands every value to Calcite's prepared statement, which keeps them for its plan's dynamic parameters. */
  void applyTo(PreparedStatement calcite) throws SQLException {
    checkAllSet();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        calcite.setNull(i + 1, Types.NULL);
      } else {
        calcite.setObject(i + 1, values[i]);
      }
    }
  }

  private void put(int parameterIndex, Object value) throws SQLException {
    if (parameterIndex < 1 || parameterIndex > values.length) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Parameter index " + parameterIndex + " is out of range: the"
          + " statement has " + values.length + (values.length == 1 ? " parameter" : " parameters"));
    }
    values[parameterIndex - 1] = value;
    set[parameterIndex - 1] = true;
  }

  public void clearParameters() {
    Arrays.fill(values, null);
    Arrays.fill(set, false);
  }

  public void setNull(int i, int sqlType) throws SQLException {
    put(i, null);
  }

  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    put(i, null);
  }

  public void setBoolean(int i, boolean x) throws SQLException {
    put(i, x);
  }

  public void setByte(int i, byte x) throws SQLException {
    put(i, x);
  }

  public void setShort(int i, short x) throws SQLException {
    put(i, x);
  }

  public void setInt(int i, int x) throws SQLException {
    put(i, x);
  }

  public void setLong(int i, long x) throws SQLException {
    put(i, x);
  }

  public void setFloat(int i, float x) throws SQLException {
    put(i, x);
  }

  public void setDouble(int i, double x) throws SQLException {
    put(i, x);
  }

  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    put(i, x);
  }

  public void setString(int i, String x) throws SQLException {
    put(i, x);
  }

  public void setNString(int i, String x) throws SQLException {
    put(i, x);
  }

  public void setBytes(int i, byte[] x) throws SQLException {
    put(i, x == null ? null : x.clone());
  }

  public void setDate(int i, Date x) throws SQLException {
    put(i, x);
  }

  public void setTime(int i, Time x) throws SQLException {
    put(i, x);
  }

  public void setTimestamp(int i, Timestamp x) throws SQLException {
    put(i, x);
  }

  /** The date the value is in the calendar's time zone. */
  public void setDate(int i, Date x, Calendar cal) throws SQLException {
    put(i, x == null || cal == null ? x
        : Date.valueOf(Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate()));
  }

  public void setTime(int i, Time x, Calendar cal) throws SQLException {
    put(i, x == null || cal == null ? x
        : Time.valueOf(Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalTime()));
  }

  /** The wall-clock time the instant is in the calendar's time zone. */
  public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
    put(i, x == null || cal == null ? x
        : Timestamp.valueOf(x.toInstant().atZone(cal.getTimeZone().toZoneId()).toLocalDateTime()));
  }

  public void setObject(int i, Object x) throws SQLException {
    put(i, JdbcValues.bindable(x));
  }

  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    put(i, JdbcValues.asSqlType(JdbcValues.bindable(x), targetSqlType));
  }

  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    Object v = JdbcValues.asSqlType(JdbcValues.bindable(x), targetSqlType);
    put(i, v instanceof BigDecimal d && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC)
        ? d.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP) : v);
  }

  public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
    setObject(i, x, targetSqlType.getVendorTypeNumber());
  }

  public void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    setObject(i, x, targetSqlType.getVendorTypeNumber(), scaleOrLength);
  }

  public void setURL(int i, URL x) throws SQLException {
    put(i, x == null ? null : x.toString());
  }

  public void setAsciiStream(int i, InputStream x) throws SQLException {
    put(i, x == null ? null : new String(bytes(x, -1), java.nio.charset.StandardCharsets.US_ASCII));
  }

  public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
    put(i, x == null ? null : new String(bytes(x, length), java.nio.charset.StandardCharsets.US_ASCII));
  }

  public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
    setAsciiStream(i, x, (int) Math.min(Integer.MAX_VALUE, length));
  }

  public void setBinaryStream(int i, InputStream x) throws SQLException {
    put(i, x == null ? null : bytes(x, -1));
  }

  public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
    put(i, x == null ? null : bytes(x, length));
  }

  public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
    setBinaryStream(i, x, (int) Math.min(Integer.MAX_VALUE, length));
  }

  public void setCharacterStream(int i, Reader x) throws SQLException {
    put(i, x == null ? null : text(x, -1));
  }

  public void setCharacterStream(int i, Reader x, int length) throws SQLException {
    put(i, x == null ? null : text(x, length));
  }

  public void setCharacterStream(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, (int) Math.min(Integer.MAX_VALUE, length));
  }

  public void setNCharacterStream(int i, Reader x) throws SQLException {
    setCharacterStream(i, x);
  }

  public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, length);
  }

  public void setClob(int i, Clob x) throws SQLException {
    put(i, x == null ? null : x.getSubString(1, (int) Math.min(Integer.MAX_VALUE, x.length())));
  }

  public void setClob(int i, Reader x) throws SQLException {
    setCharacterStream(i, x);
  }

  public void setClob(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, length);
  }

  public void setBlob(int i, Blob x) throws SQLException {
    put(i, x == null ? null : x.getBytes(1, (int) Math.min(Integer.MAX_VALUE, x.length())));
  }

  public void setBlob(int i, InputStream x) throws SQLException {
    setBinaryStream(i, x);
  }

  public void setBlob(int i, InputStream x, long length) throws SQLException {
    setBinaryStream(i, x, length);
  }

  private static byte[] bytes(InputStream in, int length) throws SQLException {
    try {
      return length < 0 ? in.readAllBytes() : in.readNBytes(length);
    } catch (IOException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The parameter's stream could not be read: " + e, e);
    }
  }

  private static String text(Reader in, int length) throws SQLException {
    try {
      StringBuilder out = new StringBuilder();
      char[] buffer = new char[8192];
      int n;
      while ((length < 0 || out.length() < length)
          && (n = in.read(buffer, 0, length < 0 ? buffer.length : Math.min(buffer.length, length - out.length())))
          >= 0) {
        out.append(buffer, 0, n);
      }
      return out.toString();
    } catch (IOException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The parameter's reader could not be read: " + e, e);
    }
  }
}
