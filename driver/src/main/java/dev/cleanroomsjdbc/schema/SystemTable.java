package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table of the {@code cleanrooms} system schema: a few typed columns whose rows come from Clean Rooms list
 * calls each time the table is read (jobs and members change while a connection is open).
 */
final class SystemTable extends AbstractTable implements ScannableTable {
  /** A column: its name and SQL type (TIMESTAMP values are epoch milliseconds, Calcite's representation). */
  record Column(String name, SqlTypeName type) {}

  /** Reads the rows, one Object[] per row in column order. */
  @FunctionalInterface
  interface Rows {
    List<Object[]> read() throws SQLException;
  }

  private final List<Column> columns;
  private final Rows rows;

  SystemTable(List<Column> columns, Rows rows) {
    this.columns = columns;
    this.rows = rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (Column c : columns) {
      names.add(c.name());
      types.add(typeFactory.createTypeWithNullability(typeFactory.createSqlType(c.type()), true));
    }
    return typeFactory.createStructType(types, names);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    try {
      return Linq4j.asEnumerable(rows.read());
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }
}
