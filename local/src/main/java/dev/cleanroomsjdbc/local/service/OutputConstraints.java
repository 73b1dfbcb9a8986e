package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import dev.cleanroomsjdbc.local.engine.EngineSql;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The AGGREGATION rule's output constraints: the service drops each result row that aggregates fewer distinct
 * values of a constrained column than the minimum. They are enforced by adding
 * {@code COUNT(DISTINCT alias.column) >= minimum} to the query's HAVING clause (a query without GROUP BY is one
 * group, so its one row is dropped too), so the rows never leave the engine.
 */
final class OutputConstraints {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private OutputConstraints() {}

  /** The SQL to run: {@code sql} itself when no table constrains its output, else the query with its HAVING. */
  static String apply(QueryShape shape, String sql, EngineSql engine) {
    SqlNode having = shape.select.getHaving();
    boolean constrained = false;
    for (Map.Entry<String, RuleTable> table : shape.tables.entrySet()) {
      for (JsonNode constraint : table.getValue().policy().path("outputConstraints")) {
        if (!"COUNT_DISTINCT".equals(constraint.path("type").asText("COUNT_DISTINCT"))) {
          continue;
        }
        SqlNode count = SqlStdOperatorTable.COUNT.createCall(SqlSelectKeyword.DISTINCT.symbol(POS), POS,
            new SqlIdentifier(List.of(table.getKey(), constraint.path("columnName").asText()), POS));
        SqlNode atLeast = SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(POS, count,
            SqlLiteral.createExactNumeric(String.valueOf(constraint.path("minimum").asLong()), POS));
        having = having == null ? atLeast : SqlStdOperatorTable.AND.createCall(POS, having, atLeast);
        constrained = true;
      }
    }
    if (!constrained) {
      return sql;
    }
    shape.select.setHaving(having);
    return shape.root.toSqlString(engine.dialect()).getSql();
  }
}
