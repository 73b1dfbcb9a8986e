package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/** A small, fully materialised metadata result (the JDK's CachedRowSet), correctly shaped even when empty. */
final class MetaRows {
  /** A column of a metadata result, named and typed as the JDBC specification lists it. */
  record Column(String name, int type) {}

  private final Column[] columns;
  private final List<Object[]> rows = new ArrayList<>();

  MetaRows(Column... columns) {
    this.columns = columns;
  }

  /** An empty result with the columns of {@code like}, to copy another result's rows into. */
  static MetaRows like(ResultSetMetaData like) throws SQLException {
    Column[] columns = new Column[like.getColumnCount()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new Column(like.getColumnLabel(i + 1), like.getColumnType(i + 1));
    }
    return new MetaRows(columns);
  }

  /** The current row of {@code rs}, as objects. */
  static Object[] values(ResultSet rs) throws SQLException {
    Object[] row = new Object[rs.getMetaData().getColumnCount()];
    for (int i = 0; i < row.length; i++) {
      row[i] = rs.getObject(i + 1);
    }
    return row;
  }

  void add(Object... values) {
    rows.add(values);
  }

  ResultSet toResultSet() throws SQLException {
    RowSetMetaDataImpl meta = new RowSetMetaDataImpl();
    meta.setColumnCount(columns.length);
    for (int i = 0; i < columns.length; i++) {
      meta.setColumnName(i + 1, columns[i].name());
      meta.setColumnLabel(i + 1, columns[i].name());
      meta.setColumnType(i + 1, columns[i].type());
      meta.setNullable(i + 1, ResultSetMetaData.columnNullable);
    }
    CachedRowSet set = RowSetProvider.newFactory().createCachedRowSet();
    set.setMetaData(meta);
    for (Object[] row : rows) {
      set.moveToInsertRow();
      for (int i = 0; i < row.length; i++) {
        set.updateObject(i + 1, row[i]);
      }
      set.insertRow();
      set.moveToCurrentRow();
      set.last(); // CachedRowSet inserts after the current row: keep it at the end, so rows keep their order
    }
    set.beforeFirst();
    return JdbcProxy.of(ResultSet.class, new RowSetOverrides(set), set);
  }

  /** What the JDK's CachedRowSet leaves out ("Operation not yet supported") and tools such as SQLLine call. */
  static final class RowSetOverrides {
    private final CachedRowSet set;
    private boolean closed;

    RowSetOverrides(CachedRowSet set) {
      this.set = set;
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
  }
}
