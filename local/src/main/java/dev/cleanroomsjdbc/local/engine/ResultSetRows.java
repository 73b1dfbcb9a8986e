package dev.cleanroomsjdbc.local.engine;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TimeZone;

/** The rows of a JDBC result set as Java values for {@code ParquetResultWriter}, with Glue types from its metadata. */
final class ResultSetRows implements Iterator<Object[]> {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final ResultSet rs;
  private final int[] sqlTypes;
  private final List<ColumnSpec> columns;
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
  private Boolean hasRow;

  ResultSetRows(ResultSet rs) throws SQLException {
    this.rs = rs;
    ResultSetMetaData md = rs.getMetaData();
    this.sqlTypes = new int[md.getColumnCount()];
    this.columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= sqlTypes.length; i++) {
      sqlTypes[i - 1] = md.getColumnType(i);
      String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new SQLException("the result has two columns named '" + name + "'; give them distinct aliases");
      }
      columns.add(new ColumnSpec(name, glueType(md, i)));
    }
  }

  List<ColumnSpec> columns() {
    return columns;
  }

  /** The Glue type for a JDBC column; types Glue lacks (TIME, intervals, ...) are written as their text. */
  static String glueType(ResultSetMetaData md, int i) throws SQLException {
    return switch (md.getColumnType(i)) {
      case Types.BIGINT -> "bigint";
      case Types.INTEGER -> "int";
      case Types.SMALLINT -> "smallint";
      case Types.TINYINT -> "tinyint";
      case Types.DOUBLE, Types.FLOAT -> "double";
      case Types.REAL -> "float";
      case Types.DECIMAL, Types.NUMERIC -> decimal(md.getPrecision(i), md.getScale(i));
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.DATE -> "date";
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp";
      default -> "string";
    };
  }

  private static String decimal(int precision, int scale) {
    int p = precision <= 0 || precision > 38 ? 38 : precision;
    int s = Math.max(0, Math.min(scale, p));
    return "decimal(" + p + "," + s + ")";
  }

  @Override
  public boolean hasNext() {
    if (hasRow == null) {
      try {
        hasRow = rs.next();
      } catch (SQLException e) {
        throw new ResultSetFailure(e);
      }
    }
    return hasRow;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    hasRow = null;
    try {
      Object[] row = new Object[sqlTypes.length];
      for (int i = 0; i < row.length; i++) {
        row[i] = value(i + 1, sqlTypes[i]);
      }
      return row;
    } catch (SQLException e) {
      throw new ResultSetFailure(e);
    }
  }

  private Object value(int i, int type) throws SQLException {
    Object v = switch (type) {
      case Types.BIGINT -> rs.getLong(i);
      case Types.INTEGER -> rs.getInt(i);
      case Types.SMALLINT -> rs.getShort(i);
      case Types.TINYINT -> rs.getByte(i);
      case Types.DOUBLE, Types.FLOAT -> rs.getDouble(i);
      case Types.REAL -> rs.getFloat(i);
      case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(i);
      case Types.BOOLEAN, Types.BIT -> rs.getBoolean(i);
      case Types.DATE -> date(rs.getDate(i, utc));
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(rs.getTimestamp(i, utc));
      default -> rs.getString(i);
    };
    return rs.wasNull() ? null : v;
  }

  private static LocalDate date(Date d) {
    return d == null ? null : LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), MILLIS_PER_DAY));
  }

  private static Object timestamp(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** A JDBC failure while streaming rows into the writer, unwrapped again by the SQL runner. */
  static final class ResultSetFailure extends RuntimeException {
    ResultSetFailure(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
