package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.execution.SqlState;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Pre-flight of a pushed-down query's output: every output column is traced to the table columns it comes from,
 * and a column that the table's analysis rule keeps out of results fails the statement before anything is
 * submitted, naming the rule. What the trace cannot see (a query's shape) is left to Clean Rooms.
 */
final class OutputColumns {
  private OutputColumns() {}

  static void verify(RelNode pushed) {
    RelMetadataQuery mq = pushed.getCluster().getMetadataQuery();
    for (int i = 0; i < pushed.getRowType().getFieldCount(); i++) {
      Set<RelColumnOrigin> origins = mq.getColumnOrigins(pushed, i);
      if (origins == null) {
        continue;
      }
      for (RelColumnOrigin origin : origins) {
        RelOptTable table = origin.getOriginTable();
        RuledTable ruled = table.unwrap(RuledTable.class);
        if (ruled == null) {
          continue;
        }
        String column = table.getRowType().getFieldNames().get(origin.getOriginColumnOrdinal());
        String why = ruled.whyNotOutput(column, origin.isDerived());
        if (why != null) {
          throw new CleanRoomsRuntimeException(SqlState.RULE_VIOLATION.exception("Output column "
              + pushed.getRowType().getFieldNames().get(i) + " would be refused by Clean Rooms, so nothing was"
              + " submitted: " + why));
        }
      }
    }
  }
}
