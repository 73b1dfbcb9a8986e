package dev.cleanroomsjdbc.local.service;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;

/**
 * The LIST analysis rule's query controls, checked on a query whose tables all have that rule: every table INNER
 * JOINed with another on its join columns, only list and join columns read (SELECT, WHERE, ORDER BY), and no
 * aggregation (aggregate functions, GROUP BY, HAVING).
 */
final class ListRules implements Expressions.Policy {
  private final QueryShape shape;

  private ListRules(QueryShape shape) {
    this.shape = shape;
  }

  static void verify(QueryShape shape) {
    ListRules rules = new ListRules(shape);
    JoinConditions joins = JoinConditions.verify(shape, Set.of());
    for (Map.Entry<String, RuleTable> table : shape.tables.entrySet()) {
      if (!joins.joined(table.getKey())) {
        throw table.getValue().refuse("a query that does not INNER JOIN it with another table on its join"
            + " columns " + table.getValue().columnsOf("joinColumns"));
      }
    }
    if (shape.select.getGroup() != null || shape.select.getHaving() != null) {
      throw shape.first().refuse("GROUP BY or HAVING; list queries return rows, not aggregates");
    }
    Expressions expressions = new Expressions(shape, rules);
    expressions.selectList();
    expressions.walk(shape.select.getWhere(), "WHERE", false);
    expressions.walk(shape.orderBy, "ORDER BY", true);
  }

  @Override
  public void column(QueryShape.Column column, String clause) {
    Set<String> allowed = new LinkedHashSet<>(column.table().columnsOf("listColumns"));
    allowed.addAll(column.table().columnsOf("joinColumns"));
    if (!allowed.contains(column.name())) {
      throw column.table().refuse("column " + column.name() + " in " + clause + "; only its listColumns and"
          + " joinColumns " + allowed + " may be");
    }
  }

  @Override
  public void aggregate(SqlCall call, String clause) {
    throw shape.first().refuse("the aggregate function " + call.getOperator().getName().toUpperCase(Locale.ROOT)
        + " in " + clause + "; list queries return rows, not aggregates");
  }

  @Override
  public void function(String name, String clause) {
    // The LIST rule has no list of scalar functions; the columns a function reads are checked on their own.
  }
}
