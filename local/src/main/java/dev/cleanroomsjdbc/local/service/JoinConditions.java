package dev.cleanroomsjdbc.local.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * The INNER JOIN conditions of a query under AGGREGATION or LIST rules: each compares join columns with {@code =},
 * combined only by the logical operators every table read allows; and which tables they join.
 */
final class JoinConditions {
  private final QueryShape shape;
  private final Set<String> functions;
  private final Map<String, String> parent = new HashMap<>();
  private final Set<String> joined = new HashSet<>();

  private JoinConditions(QueryShape shape, Set<String> functions) {
    this.shape = shape;
    this.functions = functions;
    shape.tables.keySet().forEach(alias -> parent.put(alias, alias));
  }

  /**
   * Checks every join condition of the query.
   *
   * @param functions the scalar functions that may wrap a join column (upper-case)
   */
  static JoinConditions verify(QueryShape shape, Set<String> functions) {
    JoinConditions conditions = new JoinConditions(shape, functions);
    for (SqlJoin join : shape.joins) {
      conditions.condition(join.getCondition());
    }
    return conditions;
  }

  /** Whether the table under {@code alias} is joined with another table of the query. */
  boolean joined(String alias) {
    return joined.contains(alias);
  }

  /** Whether two tables are joined, directly or through other tables. */
  boolean connected(String alias, String other) {
    return root(alias).equals(root(other));
  }

  private void condition(SqlNode node) {
    SqlKind kind = node.getKind();
    if (kind == SqlKind.AND || kind == SqlKind.OR) {
      for (RuleTable table : shape.tables.values()) {
        if (!table.joinOperators().contains(kind.name())) {
          throw table.refuse("the join operator " + kind.name() + "; its allowedJoinOperators are "
              + table.joinOperators());
        }
      }
      ((SqlCall) node).getOperandList().forEach(this::condition);
      return;
    }
    if (kind == SqlKind.EQUALS) {
      QueryShape.Column left = side(((SqlCall) node).operand(0));
      QueryShape.Column right = side(((SqlCall) node).operand(1));
      if (!left.alias().equals(right.alias())) {
        joined.add(left.alias());
        joined.add(right.alias());
        parent.put(root(left.alias()), root(right.alias()));
      }
      return;
    }
    throw anyTable().refuse("the join condition " + node + "; a join condition compares join columns with ="
        + " (combined by AND or OR)");
  }

  private QueryShape.Column side(SqlNode node) {
    while (node instanceof SqlCall call && call.getOperator() instanceof SqlFunction
        && functions.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))
        && !call.getOperandList().isEmpty()) {
      node = call.operand(0);
    }
    if (!(node instanceof SqlIdentifier id)) {
      throw anyTable().refuse("the join condition side " + node + "; each side of = is a join column");
    }
    List<QueryShape.Column> columns = shape.resolve(id);
    if (columns.size() != 1) {
      throw anyTable().refuse("the join column " + id + ", which names " + (columns.isEmpty() ? "no column"
          : "a column of several tables") + " of the query");
    }
    QueryShape.Column column = columns.get(0);
    Set<String> allowed = column.table().columnsOf("joinColumns");
    if (!allowed.contains(column.name())) {
      throw column.table().refuse("joining on column " + column.name() + "; its joinColumns are " + allowed);
    }
    return column;
  }

  private String root(String alias) {
    String parentAlias = parent.get(alias);
    return parentAlias.equals(alias) ? alias : root(parentAlias);
  }

  private RuleTable anyTable() {
    return shape.tables.values().iterator().next();
  }
}
