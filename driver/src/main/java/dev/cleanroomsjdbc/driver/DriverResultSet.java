package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import dev.cleanroomsjdbc.jdbc.JdbcValues;
import dev.cleanroomsjdbc.metadata.JdbcTypes;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The driver's part of a query's {@link ResultSet} over Calcite's: it belongs to the user's statement, converts
 * values with {@link JdbcValues} for JDBC 4.2's {@code getObject(column, Class)}, and describes its columns as
 * {@link JdbcTypes} does (an unbounded VARCHAR has precision {@link Integer#MAX_VALUE}, not 0).
 */
final class DriverResultSet {
  private final Statement owner;
  private final ResultSet delegate;
  private final SQLWarning warnings;

  /** @param warnings what the execution that made this result has to say about it (a reused run), or null */
  DriverResultSet(Statement owner, ResultSet delegate, SQLWarning warnings) {
    this.owner = owner;
    this.delegate = delegate;
    this.warnings = warnings;
  }

  static ResultSet wrap(Statement owner, ResultSet delegate, SQLWarning warnings) {
    return JdbcProxy.of(ResultSet.class, new DriverResultSet(owner, delegate, warnings), delegate);
  }

  public Statement getStatement() {
    return owner;
  }

  public <T> T getObject(int column, Class<T> type) throws SQLException {
    return JdbcValues.convert(delegate.getObject(column), type);
  }

  public <T> T getObject(String column, Class<T> type) throws SQLException {
    return JdbcValues.convert(delegate.getObject(column), type);
  }

  public SQLWarning getWarnings() throws SQLException {
    SQLWarning own = delegate.getWarnings();
    return own != null ? own : warnings;
  }

  public ResultSetMetaData getMetaData() throws SQLException {
    return metaData(delegate.getMetaData());
  }

  static ResultSetMetaData metaData(ResultSetMetaData calcite) {
    return calcite == null ? null : JdbcProxy.of(ResultSetMetaData.class, new Columns(calcite), calcite);
  }

  /** Column descriptions as the driver's DatabaseMetaData gives them. */
  static final class Columns {
    private final ResultSetMetaData calcite;

    Columns(ResultSetMetaData calcite) {
      this.calcite = calcite;
    }

    public int getPrecision(int column) throws SQLException {
      return JdbcTypes.precision(calcite.getColumnType(column), calcite.getPrecision(column));
    }

    public int getColumnDisplaySize(int column) throws SQLException {
      int size = calcite.getColumnDisplaySize(column);
      return size > 0 ? size : getPrecision(column);
    }

    public String getColumnTypeName(int column) throws SQLException {
      return JdbcTypes.typeName(calcite.getColumnTypeName(column));
    }
  }
}
