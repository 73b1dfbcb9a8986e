package dev.cleanroomsjdbc.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * Every getter by column label as the getter by index of the column {@link #findColumn} finds: a declarative
 * list, one line per method of the interface, so that the result set itself has each getter once.
 */
abstract class LabelledResultSet extends ReadOnlyResultSet {

  public final Array getArray(String label) throws SQLException { return getArray(findColumn(label)); }
  public final InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }
  public final BigDecimal getBigDecimal(String label, int x) throws SQLException {
    return getBigDecimal(findColumn(label), x);
  }
  public final BigDecimal getBigDecimal(String label) throws SQLException { return getBigDecimal(findColumn(label)); }
  public final InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
  }
  public final Blob getBlob(String label) throws SQLException { return getBlob(findColumn(label)); }
  public final boolean getBoolean(String label) throws SQLException { return getBoolean(findColumn(label)); }
  public final byte getByte(String label) throws SQLException { return getByte(findColumn(label)); }
  public final byte[] getBytes(String label) throws SQLException { return getBytes(findColumn(label)); }
  public final Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }
  public final Clob getClob(String label) throws SQLException { return getClob(findColumn(label)); }
  public final Date getDate(String label, Calendar x) throws SQLException { return getDate(findColumn(label), x); }
  public final Date getDate(String label) throws SQLException { return getDate(findColumn(label)); }
  public final double getDouble(String label) throws SQLException { return getDouble(findColumn(label)); }
  public final float getFloat(String label) throws SQLException { return getFloat(findColumn(label)); }
  public final int getInt(String label) throws SQLException { return getInt(findColumn(label)); }
  public final long getLong(String label) throws SQLException { return getLong(findColumn(label)); }
  public final Reader getNCharacterStream(String label) throws SQLException {
    return getNCharacterStream(findColumn(label));
  }
  public final NClob getNClob(String label) throws SQLException { return getNClob(findColumn(label)); }
  public final String getNString(String label) throws SQLException { return getNString(findColumn(label)); }
  public final <T> T getObject(String label, Class<T> x) throws SQLException { return getObject(findColumn(label), x); }
  public final Object getObject(String label, Map<String, Class<?>> x) throws SQLException {
    return getObject(findColumn(label), x);
  }
  public final Object getObject(String label) throws SQLException { return getObject(findColumn(label)); }
  public final Ref getRef(String label) throws SQLException { return getRef(findColumn(label)); }
  public final RowId getRowId(String label) throws SQLException { return getRowId(findColumn(label)); }
  public final SQLXML getSQLXML(String label) throws SQLException { return getSQLXML(findColumn(label)); }
  public final short getShort(String label) throws SQLException { return getShort(findColumn(label)); }
  public final String getString(String label) throws SQLException { return getString(findColumn(label)); }
  public final Time getTime(String label, Calendar x) throws SQLException { return getTime(findColumn(label), x); }
  public final Time getTime(String label) throws SQLException { return getTime(findColumn(label)); }
  public final Timestamp getTimestamp(String label, Calendar x) throws SQLException {
    return getTimestamp(findColumn(label), x);
  }
  public final Timestamp getTimestamp(String label) throws SQLException { return getTimestamp(findColumn(label)); }
  public final java.net.URL getURL(String label) throws SQLException { return getURL(findColumn(label)); }
  public final InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }
}
