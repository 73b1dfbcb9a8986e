package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.jdbc.JdbcValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import javax.sql.rowset.CachedRowSet;

/**
 * The driver's part of a metadata result (see {@link MetaRows}): a forward-only, read-only cursor, as metadata
 * results of pgjdbc and Trino are to the tools that read them: {@code next()} answers false past the end however
 * often it is called (the JDK's CachedRowSet throws "Invalid cursor position"), and scrolling fails with 24000
 * instead of appearing to work.
 */
final class MetaResultSet {
  private final CachedRowSet set;
  private boolean closed;
  private boolean afterLast;

  MetaResultSet(CachedRowSet set) {
    this.set = set;
  }

  public boolean next() throws SQLException {
    checkOpen();
    if (afterLast) {
      return false;
    }
    afterLast = !set.next();
    return !afterLast;
  }

  public int getType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  public int getConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  public void setFetchDirection(int direction) throws SQLException {
    if (direction != ResultSet.FETCH_FORWARD) {
      throw forwardOnly();
    }
  }

  public boolean isAfterLast() {
    return afterLast && set.size() > 0;
  }

  public boolean previous() throws SQLException {
    throw forwardOnly();
  }

  public boolean first() throws SQLException {
    throw forwardOnly();
  }

  public boolean last() throws SQLException {
    throw forwardOnly();
  }

  public boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  public boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  public void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  public void afterLast() throws SQLException {
    throw forwardOnly();
  }

  public <T> T getObject(int column, Class<T> type) throws SQLException {
    return JdbcValues.convert(set.getObject(column), type);
  }

  public <T> T getObject(String column, Class<T> type) throws SQLException {
    return JdbcValues.convert(set.getObject(column), type);
  }

  /** Metadata results belong to no statement (JDBC allows null here). */
  public Statement getStatement() {
    return null;
  }

  public boolean isClosed() {
    return closed;
  }

  public void close() throws SQLException {
    closed = true;
    set.close();
  }

  public int getHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  /** The row set's own answer is an empty SQLWarning, which tools print as a warning "null". */
  public SQLWarning getWarnings() {
    return null;
  }

  public void clearWarnings() {
    // there are none
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw SqlState.CONNECTION_CLOSED.exception("The metadata result set is closed");
    }
  }

  private static SQLException forwardOnly() {
    return SqlState.INVALID_CURSOR_STATE.exception(
        "Metadata result sets are TYPE_FORWARD_ONLY: read them with next() from the first row to the last");
  }
}
