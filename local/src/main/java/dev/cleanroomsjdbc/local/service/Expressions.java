package dev.cleanroomsjdbc.local.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Walks one clause of a query under AGGREGATION or LIST rules and hands each column it reads outside an aggregate,
 * each aggregate call and each scalar function to a rule's {@link Policy}. Operators (arithmetic, comparisons,
 * AND/OR/NOT, LIKE, IN, BETWEEN, IS NULL, CASE) are not checked themselves, only the columns they read.
 */
final class Expressions {
  /** What a rule allows in a clause; each method throws the rule's refusal. */
  interface Policy {
    void column(QueryShape.Column column, String clause);

    /** An aggregate call; its operands are the policy's to check. */
    void aggregate(SqlCall call, String clause);

    void function(String name, String clause);
  }

  private static final SqlOperatorTable FUNCTIONS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
      SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(EnumSet.of(SqlLibrary.SPARK, SqlLibrary.MYSQL,
          SqlLibrary.BIG_QUERY, SqlLibrary.POSTGRESQL, SqlLibrary.ORACLE, SqlLibrary.HIVE)));

  private final QueryShape shape;
  private final Policy policy;

  Expressions(QueryShape shape, Policy policy) {
    this.shape = shape;
    this.policy = policy;
  }

  /** Checks every item of the select list; SELECT * is refused. */
  void selectList() {
    for (SqlNode item : shape.select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        throw shape.first().refuse("SELECT *; name the columns to select");
      }
      walk(item, "SELECT", false);
    }
  }

  /**
   * @param aliases whether unqualified names may be the select list's aliases (HAVING and ORDER BY)
   */
  void walk(SqlNode node, String clause, boolean aliases) {
    if (node instanceof SqlNodeList list) {
      list.forEach(n -> walk(n, clause, aliases));
    } else if (node instanceof SqlIdentifier id) {
      identifier(id, clause, aliases);
    } else if (node instanceof SqlCall call) {
      call(call, clause, aliases);
    }
  }

  private void identifier(SqlIdentifier id, String clause, boolean aliases) {
    if (id.isStar()) {
      throw shape.first().refuse(id + " in " + clause);
    }
    List<QueryShape.Column> columns = shape.resolve(id);
    if (columns.isEmpty()) {
      if (aliases && id.isSimple() && shape.selectAliases().contains(id.getSimple().toLowerCase(Locale.ROOT))) {
        return;
      }
      throw shape.first().refuse("the column " + id + " in " + clause + ", which no table of the query has");
    }
    columns.forEach(c -> policy.column(c, clause));
  }

  /**
   * Whether the call is an aggregate function. The parser leaves function names unresolved, so the name is looked
   * up in the function libraries the query runtime offers (and those of other dialects, to be safe).
   */
  static boolean isAggregate(SqlCall call) {
    if (call.getOperator() instanceof SqlAggFunction) {
      return true;
    }
    if (!(call.getOperator() instanceof SqlFunction function)) {
      return false;
    }
    List<SqlOperator> found = new ArrayList<>();
    FUNCTIONS.lookupOperatorOverloads(new SqlIdentifier(function.getName(), SqlParserPos.ZERO),
        SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, found, SqlNameMatchers.liberal());
    return found.stream().anyMatch(o -> o instanceof SqlAggFunction);
  }

  private void call(SqlCall call, String clause, boolean aliases) {
    if (call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.WINDOW) {
      throw shape.first().refuse("window functions (OVER) in " + clause);
    }
    if (isAggregate(call)) {
      policy.aggregate(call, clause);
      return;
    }
    if (call.getKind() == SqlKind.AS) {
      walk(call.operand(0), clause, aliases);
      return;
    }
    if (call.getOperator() instanceof SqlFunction function) {
      policy.function(function.getName().toUpperCase(Locale.ROOT), clause);
    }
    for (SqlNode operand : call.getOperandList()) {
      walk(operand, clause, aliases);
    }
  }
}
