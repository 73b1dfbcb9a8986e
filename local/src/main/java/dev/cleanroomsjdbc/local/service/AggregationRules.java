package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelectKeyword;

/**
 * The AGGREGATION analysis rule's query controls, checked on a query whose tables all have that rule: outside an
 * aggregate only dimension columns (SELECT, WHERE, GROUP BY, HAVING, ORDER BY); each aggregate one of the rule's
 * aggregate functions over one of its aggregate columns; only the scalar functions every table allows; joins on
 * join columns; and {@code joinRequired} QUERY_RUNNER.
 */
final class AggregationRules implements Expressions.Policy {
  private static final Set<String> FUNCTIONS = Set.of("COUNT", "SUM", "AVG");

  private final QueryShape shape;
  private final Set<String> scalarFunctions;
  private int selectedAggregates;

  private AggregationRules(QueryShape shape) {
    this.shape = shape;
    Set<String> common = null;
    for (RuleTable table : shape.tables.values()) {
      Set<String> functions = Set.copyOf(Inputs.textList(table.policy(), "scalarFunctions"));
      common = common == null ? new LinkedHashSet<>(functions) : common;
      common.retainAll(functions);
    }
    this.scalarFunctions = common == null ? Set.of() : common;
  }

  /** Checks the query; the SQL to run is {@link OutputConstraints}' business. */
  static void verify(QueryShape shape) {
    AggregationRules rules = new AggregationRules(shape);
    JoinConditions joins = JoinConditions.verify(shape, rules.scalarFunctions);
    rules.verifyJoinRequired(joins);
    Expressions expressions = new Expressions(shape, rules);
    expressions.selectList();
    if (rules.selectedAggregates == 0) {
      throw shape.first().refuse("a query without an aggregate function in SELECT; aggregation queries select"
          + " at least one of COUNT, SUM or AVG");
    }
    expressions.walk(shape.select.getWhere(), "WHERE", false);
    expressions.walk(shape.select.getGroup(), "GROUP BY", true);
    expressions.walk(shape.select.getHaving(), "HAVING", true);
    expressions.walk(shape.orderBy, "ORDER BY", true);
  }

  @Override
  public void column(QueryShape.Column column, String clause) {
    Set<String> dimensions = column.table().columnsOf("dimensionColumns");
    if (!dimensions.contains(column.name())) {
      throw column.table().refuse("column " + column.name() + " in " + clause + " outside an aggregate function;"
          + " only its dimensionColumns " + dimensions + " may be selected, filtered or grouped by");
    }
  }

  @Override
  public void aggregate(SqlCall call, String clause) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (clause.equals("WHERE") || clause.equals("GROUP BY")) {
      throw shape.first().refuse("the aggregate function " + name + " in " + clause);
    }
    if (!FUNCTIONS.contains(name)) {
      throw shape.first().refuse("the aggregate function " + name + "; aggregation queries use COUNT, SUM"
          + " and AVG (optionally with DISTINCT)");
    }
    boolean distinct = call.getFunctionQuantifier() != null
        && call.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT;
    String function = distinct ? name + "_DISTINCT" : name;
    if (call.operandCount() != 1 || !(call.operand(0) instanceof SqlIdentifier id) || id.isStar()) {
      throw shape.first().refuse(call + "; an aggregate function takes one aggregate column");
    }
    List<QueryShape.Column> columns = shape.resolve(id);
    if (columns.isEmpty()) {
      throw shape.first().refuse("the column " + id + " in " + call + ", which no table of the query has");
    }
    for (QueryShape.Column column : columns) {
      Set<String> allowed = aggregateColumns(column.table().policy(), function);
      if (!allowed.contains(column.name())) {
        throw column.table().refuse(function + " of column " + column.name() + "; its aggregateColumns allow "
            + function + " only of " + allowed);
      }
    }
    if (clause.equals("SELECT")) {
      selectedAggregates++;
    }
  }

  @Override
  public void function(String name, String clause) {
    if (scalarFunctions.contains(name)) {
      return;
    }
    RuleTable refusing = shape.tables.values().stream()
        .filter(t -> !Inputs.textList(t.policy(), "scalarFunctions").contains(name)).findFirst()
        .orElse(shape.first());
    throw refusing.refuse("the function " + name + " in " + clause + "; its scalarFunctions are "
        + Inputs.textList(refusing.policy(), "scalarFunctions"));
  }

  /** Each table that requires it is joined, directly or through other tables, with one of the runner's. */
  private void verifyJoinRequired(JoinConditions joins) {
    for (Map.Entry<String, RuleTable> entry : shape.tables.entrySet()) {
      RuleTable table = entry.getValue();
      if (!"QUERY_RUNNER".equals(table.policy().path("joinRequired").asText()) || table.runnerOwned()) {
        continue;
      }
      boolean joined = shape.tables.entrySet().stream()
          .anyMatch(other -> other.getValue().runnerOwned() && joins.connected(entry.getKey(), other.getKey()));
      if (!joined) {
        throw table.refuse("a query that does not join it with a table of the member who runs the query"
            + " (joinRequired QUERY_RUNNER)");
      }
    }
  }

  private static Set<String> aggregateColumns(JsonNode policy, String function) {
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode aggregate : policy.path("aggregateColumns")) {
      if (function.equals(aggregate.path("function").asText())) {
        columns.addAll(RuleTable.lowerCased(Inputs.textList(aggregate, "columnNames")));
      }
    }
    return columns;
  }
}
