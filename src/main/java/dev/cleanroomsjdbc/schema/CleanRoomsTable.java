package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.SqlState;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import software.amazon.awssdk.services.cleanrooms.model.Column;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/** A collaboration table (a Clean Rooms schema): its columns typed from Clean Rooms' type strings. */
public final class CleanRoomsTable extends AbstractTable implements ScannableTable {
  private final Schema schema;

  public CleanRoomsTable(Schema schema) {
    this.schema = schema;
  }

  public Schema schema() {
    return schema;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (Column c : schema.columns()) {
      names.add(c.name());
      types.add(GlueTypes.toRelDataType(c.type(), typeFactory));
    }
    return typeFactory.createStructType(types, names);
  }

  /** Reading a table's rows runs a protected query, which this version of the driver does not send yet. */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    throw new CleanRoomsRuntimeException(SqlState.FEATURE_NOT_SUPPORTED.exception("SELECT over collaboration table "
        + schema.name() + " needs a protected query, which this driver version does not run yet;"
        + " run an analysis template with CALL instead"));
  }
}
