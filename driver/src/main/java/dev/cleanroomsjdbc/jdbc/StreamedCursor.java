package dev.cleanroomsjdbc.jdbc;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.BatchStream;
import dev.cleanroomsjdbc.results.ColumnBatch;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cursor of a {@link CleanRoomsResultSet}: moves through the batches of a {@link BatchStream} row by row
 * (a new batch once per {@value ColumnBatch#CAPACITY} rows), finds columns by label, and ends the stream's
 * decoder threads when the result is closed, read to its end, or cut at the statement's maximum row count.
 */
abstract class StreamedCursor extends LabelledResultSet {
  private final Statement owner;
  private final BatchStream stream;
  private final ResultSetMetaData metaData;
  private final ResultSet calcite;
  private final long maxRows;
  private final int width;
  private final Map<String, Integer> labels = new HashMap<>();
  private final Map<String, Integer> lowerLabels = new HashMap<>();
  private SQLWarning warnings;
  private SQLException failure;
  ColumnBatch batch;
  int row = -1;
  private int size;
  private long rowNumber;
  private boolean wasNull;
  private boolean ended;
  private boolean closed;
  private int fetchSize;

  /**
   * @param calcite the (empty) Calcite result set of the statement, for its holdability; closed with this one
   * @param maxRows the statement's row limit, 0 for none
   */
  StreamedCursor(Statement owner, BatchStream stream, ResultSetMetaData metaData, ResultSet calcite,
      SQLWarning warnings, long maxRows) throws SQLException {
    this.owner = owner;
    this.stream = stream;
    this.metaData = metaData;
    this.calcite = calcite;
    this.warnings = warnings;
    this.maxRows = maxRows;
    this.width = metaData.getColumnCount();
    for (int i = width; i >= 1; i--) { // the first of equal labels wins
      labels.put(metaData.getColumnLabel(i), i);
      lowerLabels.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
  }

  @Override
  public final boolean next() throws SQLException {
    if (++row < size && (maxRows == 0 || rowNumber < maxRows)) {
      rowNumber++;
      return true;
    }
    return advance();
  }

  private boolean advance() throws SQLException {
    row = -1;
    size = 0;
    if (failure != null) {
      throw failure; // never an end after a failed read: the rows after it are missing, not absent
    }
    if (ended || closed) {
      return false;
    }
    if (maxRows > 0 && rowNumber >= maxRows) {
      end();
      return false;
    }
    ColumnBatch done = batch;
    batch = null;
    ColumnBatch next;
    try {
      next = stream.next(done);
    } catch (SQLException e) {
      end();
      failure = e;
      throw e;
    }
    if (next == null) {
      end();
      return false;
    }
    batch = next;
    size = next.size();
    row = 0;
    rowNumber++;
    return true;
  }

  private void end() {
    ended = true;
    rowNumber = 0;
    stream.close();
  }

  /** The 0-based index of {@code column} on the current row. */
  final int at(int column) throws SQLException {
    if (row < 0) {
      throw SqlState.INVALID_CURSOR_STATE.exception(closed ? "The result set is closed"
          : ended ? "The result set has no more rows" : "The result set has no current row: call next() first");
    }
    if (column < 1 || column > width) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Column index " + column + " is out of range 1.." + width);
    }
    return column - 1;
  }

  /** Whether the value at column {@code c} of the current row is NULL; sets what {@link #wasNull()} says. */
  final boolean isNull(int c) {
    return wasNull = batch.nulls(c)[row];
  }

  @Override
  public final boolean wasNull() {
    return wasNull;
  }

  @Override
  public final int findColumn(String label) throws SQLException {
    Integer i = label == null ? null : labels.get(label);
    if (i == null && label != null) {
      i = lowerLabels.get(label.toLowerCase(Locale.ROOT));
    }
    if (i == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The result has no column labelled '" + label + "'");
    }
    return i;
  }

  @Override
  public final ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return metaData;
  }

  @Override
  public final Statement getStatement() {
    return owner;
  }

  @Override
  public final SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public final void clearWarnings() {
    warnings = null;
  }

  @Override
  public final void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    row = -1;
    size = 0;
    batch = null;
    try (ResultSet c = calcite) {
      stream.close();
    }
  }

  @Override
  public final boolean isClosed() {
    return closed;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw SqlState.INVALID_CURSOR_STATE.exception("The result set is closed");
    }
  }

  @Override
  public final int getRow() {
    return row < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
  }

  @Override
  public final boolean isBeforeFirst() {
    return !ended && !closed && rowNumber == 0;
  }

  @Override
  public final boolean isAfterLast() {
    return ended && row < 0;
  }

  @Override
  public final boolean isFirst() {
    return row >= 0 && rowNumber == 1;
  }

  @Override
  public final boolean isLast() throws SQLException {
    throw notSupported("isLast on a streamed result (it would have to read ahead; call next() instead)");
  }

  @Override
  public final int getType() {
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public final int getHoldability() throws SQLException {
    return calcite.getHoldability();
  }

  @Override
  public final int getFetchDirection() {
    return FETCH_FORWARD;
  }

  @Override
  public final void setFetchDirection(int direction) throws SQLException {
    if (direction != FETCH_FORWARD) {
      throw notSupported("A fetch direction other than FETCH_FORWARD");
    }
  }

  /** A hint only: the decoder threads fetch batches of {@value ColumnBatch#CAPACITY} rows whatever it says. */
  @Override
  public final void setFetchSize(int rows) throws SQLException {
    if (rows < 0) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The fetch size must be >= 0, not " + rows);
    }
    fetchSize = rows;
  }

  @Override
  public final int getFetchSize() {
    return fetchSize;
  }

  @Override
  public final String getCursorName() throws SQLException {
    throw notSupported("Named cursors");
  }

  @Override
  public final boolean absolute(int rowNumber) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean previous() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void afterLast() throws SQLException {
    throw forwardOnly();
  }

  private static SQLException forwardOnly() {
    return SqlState.FEATURE_NOT_SUPPORTED.exception(
        "A streamed result is TYPE_FORWARD_ONLY: read it with next(), or run the query again to start over");
  }

  static SQLException notSupported(String what) {
    return SqlState.FEATURE_NOT_SUPPORTED.exception(what + " is not supported by the Clean Rooms driver");
  }

  @Override
  public final <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw SqlState.INVALID_PARAMETER_VALUE.exception("A Clean Rooms result set is not a " + iface.getName());
  }

  @Override
  public final boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
