package dev.cleanroomsjdbc.metadata;

import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * A small, fully materialised metadata result, correctly shaped even when empty: its rows are held by the JDK's
 * CachedRowSet (which converts values between getters) and read forward only ({@link MetaResultSet}).
 */
final class MetaRows {
  /** A column of a metadata result, named and typed as the JDBC specification lists it. */
  record Column(String name, int type) {}

  private final Column[] columns;
  private final List<Object[]> rows = new ArrayList<>();

  MetaRows(Column... columns) {
    this.columns = columns;
  }

  MetaRows(List<Column> columns) {
    this(columns.toArray(Column[]::new));
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

  /**
   * Copies every row of {@code from} into these columns, matching them by label (a column {@code from} lacks stays
   * null), and closes {@code from}.
   */
  MetaRows copy(ResultSet from) throws SQLException {
    try (from) {
      ResultSetMetaData md = from.getMetaData();
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        positions.putIfAbsent(md.getColumnLabel(i).toUpperCase(Locale.ROOT), i);
      }
      while (from.next()) {
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          Integer p = positions.get(columns[i].name());
          row[i] = p == null ? null : from.getObject(p);
        }
        rows.add(row);
      }
    }
    return this;
  }

  int column(String name) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }

  List<Object[]> rows() {
    return rows;
  }

  void add(Object... values) {
    if (values.length != columns.length) {
      throw new IllegalArgumentException(values.length + " values for " + columns.length + " columns");
    }
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
    return JdbcProxy.of(ResultSet.class, new MetaResultSet(set), set);
  }
}
