package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.plan.CleanRoomsSqlDialect;
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
  private final java.util.function.Supplier<CleanRoomsSqlDialect> dialect;

  /** The collaboration's analysis rules, read when a query first needs them. */
  @FunctionalInterface
  interface RuleSource {
    List<AnalysisRule> rules() throws SQLException;
  }

  /** @param dialect the SQL of the collaboration's analytics engine, asked for when the table is first planned */
  CleanRoomsTable(String schemaName, Schema schema, RuleSource rules,
      java.util.function.Supplier<CleanRoomsSqlDialect> dialect) {
    this.schemaName = schemaName;
    this.schema = schema;
    this.rules = rules;
    this.dialect = dialect;
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
  public String ruledName() {
    return schema.name();
  }

  /** AGGREGATION, else LIST; none when the table has a CUSTOM rule, which allows whatever its analyses allow. */
  @Override
  public AnalysisRulePolicyV1 shapeRule() {
    AnalysisRulePolicyV1 shape = null;
    for (AnalysisRule rule : rules()) {
      if (!rule.name().equals(schema.name()) || rule.policy() == null || rule.policy().v1() == null) {
        continue;
      }
      AnalysisRulePolicyV1 policy = rule.policy().v1();
      if (policy.custom() != null) {
        return null;
      }
      if (policy.aggregation() != null || policy.list() != null && shape == null) {
        shape = policy;
      }
    }
    return shape;
  }

  private List<AnalysisRule> rules() {
    try {
      return rules.rules();
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }

  @Override
  public String whyNotOutput(String column, boolean derived) {
    for (AnalysisRule rule : rules()) {
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
    return new CleanRoomsTableScan(context.getCluster(), relOptTable, schemaName, dialect.get());
  }
}
