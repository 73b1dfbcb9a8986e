package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.plan.CleanRoomsTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import software.amazon.awssdk.services.cleanrooms.model.Column;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/**
 * A collaboration table (a Clean Rooms schema): its columns typed from Clean Rooms' type strings. Reading it
 * is a scan in the CLEANROOMS convention, which the planner pushes down with whatever sits on top of it.
 */
public final class CleanRoomsTable extends AbstractTable implements TranslatableTable {
  private final String schemaName;
  private final Schema schema;

  public CleanRoomsTable(String schemaName, Schema schema) {
    this.schemaName = schemaName;
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

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new CleanRoomsTableScan(context.getCluster(), relOptTable, schemaName);
  }
}
