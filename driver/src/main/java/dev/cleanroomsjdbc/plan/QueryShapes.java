package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.execution.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import software.amazon.awssdk.services.cleanrooms.model.AggregateColumn;
import software.amazon.awssdk.services.cleanrooms.model.AggregationConstraint;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleAggregation;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleList;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRulePolicyV1;

/**
 * Pre-flight of a pushed-down query's shape under AGGREGATION and LIST analysis rules, for both engines: what the
 * rule's fixed query structure already refuses (no aggregate on an aggregation table, an aggregate function or
 * column the rule does not list, aggregates on a list table, a list table read alone, outer joins, join columns
 * and operators the rule does not allow) fails the statement with 42501 before anything is submitted, naming the
 * rule and saying which shape it allows. Finer checks stay with Clean Rooms.
 */
final class QueryShapes {
  private final RelNode pushed;
  private final Map<String, Ruled> tables = new LinkedHashMap<>();
  private final List<Aggregate> aggregates = new ArrayList<>();
  private final List<Join> joins = new ArrayList<>();

  /** A table of the query and the rule its shape follows. */
  private record Ruled(String name, AnalysisRulePolicyV1 policy) {}

  private QueryShapes(RelNode pushed) {
    this.pushed = pushed;
  }

  static void verify(RelNode pushed) {
    QueryShapes shapes = new QueryShapes(pushed);
    shapes.collect(pushed);
    if (!shapes.tables.isEmpty()) {
      shapes.verifyJoins();
      shapes.tables.values().forEach(shapes::verifyTable);
    }
  }

  private void collect(RelNode rel) {
    RelNode node = unwrap(rel);
    if (node instanceof TableScan scan) {
      RuledTable ruled = scan.getTable().unwrap(RuledTable.class);
      if (ruled != null && ruled.shapeRule() != null) {
        tables.put(ruled.ruledName(), new Ruled(ruled.ruledName(), ruled.shapeRule()));
      }
    } else if (node instanceof Aggregate aggregate) {
      aggregates.add(aggregate);
    } else if (node instanceof Join join) {
      joins.add(join);
    }
    node.getInputs().forEach(this::collect);
  }

  private void verifyTable(Ruled table) {
    if (table.policy().aggregation() != null) {
      verifyAggregation(table, table.policy().aggregation());
    } else if (table.policy().list() != null) {
      verifyList(table, table.policy().list());
    }
  }

  private void verifyAggregation(Ruled table, AnalysisRuleAggregation rule) {
    if (aggregates.isEmpty()) {
      throw refused(table, "AGGREGATION", "a query without aggregate functions (such as SELECT *)",
          aggregationShape(table.name(), rule));
    }
    for (Aggregate aggregate : aggregates) {
      for (AggregateCall call : aggregate.getAggCallList()) {
        String function = call.getAggregation().getKind() == SqlKind.SUM0 ? "SUM" : call.getAggregation().getName();
        function = function.toUpperCase(Locale.ROOT) + (call.isDistinct() ? "_DISTINCT" : "");
        if (call.getArgList().size() != 1) {
          throw refused(table, "AGGREGATION", function + "(*)", aggregationShape(table.name(), rule));
        }
        String column = originColumn(aggregate.getInput(), call.getArgList().get(0), table.name());
        if (column != null && !allowedAggregate(rule, function, column)) {
          throw refused(table, "AGGREGATION", function + " of column " + column,
              aggregationShape(table.name(), rule));
        }
      }
    }
  }

  private void verifyList(Ruled table, AnalysisRuleList rule) {
    String shape = "SELECT " + String.join(", ", rule.listColumns()) + " FROM " + table.name() + " INNER JOIN"
        + " <another table> ON " + table.name() + ".<join column> = <its join column> [WHERE ...]; join columns "
        + rule.joinColumns() + ", no aggregation";
    if (!aggregates.isEmpty()) {
      throw refused(table, "LIST", "aggregation (GROUP BY or aggregate functions)", shape);
    }
    if (joins.isEmpty()) {
      throw refused(table, "LIST", "a query of the table alone (such as SELECT *)", shape);
    }
  }

  private void verifyJoins() {
    for (Join join : joins) {
      Ruled any = tables.values().iterator().next();
      if (join.getJoinType() != JoinRelType.INNER) {
        throw refused(any, kind(any), join.getJoinType() + " JOIN", "tables are combined only by INNER JOIN ... ON"
            + " join columns");
      }
      verifyCondition(join, join.getCondition());
    }
  }

  private void verifyCondition(Join join, RexNode condition) {
    SqlKind kind = condition.getKind();
    if (kind == SqlKind.AND || kind == SqlKind.OR) {
      for (Ruled table : tables.values()) {
        List<String> allowed = joinOperators(table.policy());
        if (!allowed.contains(kind.name())) {
          throw refused(table, kind(table), "the join operator " + kind.name(), "its allowed join operators are "
              + allowed);
        }
      }
      ((RexCall) condition).getOperands().forEach(c -> verifyCondition(join, c));
    } else if (kind == SqlKind.EQUALS) {
      for (RexNode side : ((RexCall) condition).getOperands()) {
        if (side instanceof RexInputRef ref) {
          verifyJoinColumn(join, ref.getIndex());
        }
      }
    }
  }

  private void verifyJoinColumn(Join join, int index) {
    RelMetadataQuery mq = join.getCluster().getMetadataQuery();
    var origins = mq.getColumnOrigins(join, index);
    if (origins == null) {
      return;
    }
    for (RelColumnOrigin origin : origins) {
      Ruled table = tableOf(origin.getOriginTable());
      if (table == null) {
        continue;
      }
      String column = origin.getOriginTable().getRowType().getFieldNames().get(origin.getOriginColumnOrdinal());
      List<String> joinColumns = table.policy().aggregation() != null ? table.policy().aggregation().joinColumns()
          : table.policy().list().joinColumns();
      if (!joinColumns.contains(column)) {
        throw refused(table, kind(table), "joining on column " + column, "its join columns are " + joinColumns);
      }
    }
  }

  /** The column of {@code table} that input field {@code field} is, or null where it is computed or another's. */
  private String originColumn(RelNode input, int field, String table) {
    RelColumnOrigin origin = pushed.getCluster().getMetadataQuery().getColumnOrigin(unwrap(input), field);
    if (origin == null || origin.isDerived()) {
      return null;
    }
    Ruled ruled = tableOf(origin.getOriginTable());
    return ruled == null || !ruled.name().equals(table) ? null
        : origin.getOriginTable().getRowType().getFieldNames().get(origin.getOriginColumnOrdinal());
  }

  private Ruled tableOf(RelOptTable table) {
    RuledTable ruled = table.unwrap(RuledTable.class);
    return ruled == null ? null : tables.get(ruled.ruledName());
  }

  private static boolean allowedAggregate(AnalysisRuleAggregation rule, String function, String column) {
    return rule.aggregateColumns().stream()
        .anyMatch(a -> a.functionAsString().equals(function) && a.columnNames().contains(column));
  }

  /** The query structure the aggregation rule allows, with the rule's own columns and functions. */
  private static String aggregationShape(String table, AnalysisRuleAggregation rule) {
    List<String> functions = new ArrayList<>();
    for (AggregateColumn a : rule.aggregateColumns()) {
      String name = a.functionAsString();
      String call = name.endsWith("_DISTINCT") ? name.substring(0, name.length() - 9) + "(DISTINCT %s)" : name + "(%s)";
      a.columnNames().forEach(c -> functions.add(String.format(call, c)));
    }
    StringBuilder shape = new StringBuilder("SELECT ");
    if (!rule.dimensionColumns().isEmpty()) {
      shape.append("<some of ").append(rule.dimensionColumns()).append(">, ");
    }
    shape.append("<at least one of ").append(String.join(", ", functions)).append("> FROM ").append(table)
        .append(rule.joinColumns().isEmpty() ? "" : " [INNER JOIN ... ON join columns " + rule.joinColumns() + "]")
        .append(" [WHERE dimension columns]")
        .append(rule.dimensionColumns().isEmpty() ? "" : " GROUP BY <those dimension columns>");
    for (AggregationConstraint c : rule.outputConstraints()) {
      shape.append("; rows that count fewer than ").append(c.minimum()).append(" distinct ").append(c.columnName())
          .append(" are left out of the result");
    }
    return shape.toString();
  }

  private static List<String> joinOperators(AnalysisRulePolicyV1 policy) {
    List<String> operators = policy.aggregation() != null ? policy.aggregation().allowedJoinOperatorsAsStrings()
        : policy.list().allowedJoinOperatorsAsStrings();
    return operators.isEmpty() ? List.of("AND") : operators; // the model's default
  }

  private static String kind(Ruled table) {
    return table.policy().aggregation() != null ? "AGGREGATION" : "LIST";
  }

  private static CleanRoomsRuntimeException refused(Ruled table, String rule, String what, String allowed) {
    return new CleanRoomsRuntimeException(SqlState.RULE_VIOLATION.exception("The " + rule + " analysis rule of"
        + " table " + table.name() + " does not allow " + what + ", so nothing was submitted; it allows queries of"
        + " the shape " + allowed));
  }

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof RelSubset subset ? subset.getBestOrOriginal()
        : rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
  }
}
