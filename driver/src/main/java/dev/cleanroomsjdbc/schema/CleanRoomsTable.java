package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.plan.CleanRoomsTableScan;
import dev.cleanroomsjdbc.plan.RuledTable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.Column;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/**
 * A collaboration table (a Clean Rooms schema): its columns typed from Clean Rooms' type strings. Reading it
 * is a scan in the CLEANROOMS convention, which the planner pushes down with whatever sits on top of it.
 */
public final class CleanRoomsTable extends AbstractTable implements TranslatableTable, RuledTable {
  private final String schemaName;
  private final Schema schema;
  private final RuleSource rules;

  /** The collaboration's analysis rules, read when a query first needs them. */
  @FunctionalInterface
  interface RuleSource {
    List<AnalysisRule> rules() throws SQLException;
  }

  CleanRoomsTable(String schemaName, Schema schema, RuleSource rules) {
    this.schemaName = schemaName;
    this.schema = schema;
    this.rules = rules;
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
  public String whyNotOutput(String column, boolean derived) {
    List<AnalysisRule> all;
    try {
      all = rules.rules();
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
    for (AnalysisRule rule : all) {
      if (!rule.name().equals(schema.name()) || rule.policy() == null || rule.policy().v1() == null) {
        continue;
      }
      AnalysisRulePolicyV1 policy = rule.policy().v1();
      if (policy.custom() != null && policy.custom().disallowedOutputColumns().contains(column)) {
        return "the CUSTOM analysis rule of table " + schema.name() + " disallows output column " + column;
      }
      if (policy.list() != null && !policy.list().listColumns().contains(column)) {
        return "the LIST analysis rule of table " + schema.name() + " allows only " + policy.list().listColumns()
            + " in results";
      }
      if (policy.aggregation() != null && !derived && !policy.aggregation().dimensionColumns().contains(column)) {
        return "the AGGREGATION analysis rule of table " + schema.name() + " allows " + column
            + " only inside an aggregate function; its dimension columns are "
            + policy.aggregation().dimensionColumns();
      }
    }
    return null;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new CleanRoomsTableScan(context.getCluster(), relOptTable, schemaName);
  }
}
