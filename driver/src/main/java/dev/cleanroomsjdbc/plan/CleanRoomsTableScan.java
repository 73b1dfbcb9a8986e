package dev.cleanroomsjdbc.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/** A scan of a collaboration table, the leaf of every query pushed down to Clean Rooms. */
public final class CleanRoomsTableScan extends TableScan implements CleanRoomsRel {
  private final String schemaName;

  private final CleanRoomsConvention convention;

  /** @param dialect the SQL of the collaboration's analytics engine, which decides the scan's convention */
  public CleanRoomsTableScan(RelOptCluster cluster, RelOptTable table, String schemaName,
      CleanRoomsSqlDialect dialect) {
    this(cluster, table, schemaName, CleanRoomsConvention.of(dialect));
  }

  private CleanRoomsTableScan(RelOptCluster cluster, RelOptTable table, String schemaName,
      CleanRoomsConvention convention) {
    super(cluster, cluster.traitSetOf(convention), List.of(), table);
    this.schemaName = schemaName;
    this.convention = convention;
  }

  /** The Calcite schema of the collaboration whose session runs the query. */
  public String schemaName() {
    return schemaName;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public void register(RelOptPlanner planner) {
    convention.register(planner);
  }
}
