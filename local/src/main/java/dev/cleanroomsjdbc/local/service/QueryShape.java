package dev.cleanroomsjdbc.local.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import dev.cleanroomsjdbc.local.engine.EngineSql;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * One SELECT statement as the AGGREGATION and LIST rules see it: its tables by alias, its INNER JOINs, and which
 * table each column reference reads. Anything outside the rules' fixed query structure (WITH, UNION, subqueries,
 * outer, cross or comma joins) is refused here.
 */
final class QueryShape {
  /** A column reference resolved to the table it reads. */
  record Column(RuleTable table, String alias, String name) {}

  final SqlNode root;
  final SqlSelect select;
  final SqlNodeList orderBy;
  final Map<String, RuleTable> tables = new LinkedHashMap<>();
  final List<SqlJoin> joins = new ArrayList<>();
  /** The first table in FROM once it is parsed, so that refusals name the same table every time. */
  private RuleTable first;

  private QueryShape(SqlNode root, SqlSelect select, SqlNodeList orderBy, RuleTable first) {
    this.root = root;
    this.select = select;
    this.orderBy = orderBy;
    this.first = first;
  }

  /**
   * Parses {@code sql}, or refuses it in the name of {@code first} (a table it reads) when it is not a single
   * SELECT over INNER JOINs of the collaboration's tables.
   */
  static QueryShape of(String sql, Map<String, RuleTable> byName, RuleTable first, EngineSql engine) {
    SqlNode node;
    try {
      node = SqlParser.create(sql.strip().replaceAll(";+$", ""), engine.parserConfig()).parseQuery();
    } catch (SqlParseException | RuntimeException e) {
      throw first.refuse("a query that does not parse: " + e.getMessage());
    }
    SqlNode query = node;
    SqlNodeList orderBy = null;
    if (node instanceof SqlOrderBy order) {
      query = order.query;
      orderBy = order.orderList;
    }
    if (!(query instanceof SqlSelect select)) {
      throw first.refuse(query.getKind() + "; the query must be a single SELECT (no WITH, UNION or VALUES)");
    }
    QueryShape shape = new QueryShape(node, select, orderBy, first);
    if (select.getFrom() == null) {
      throw first.refuse("a SELECT without FROM");
    }
    shape.from(select.getFrom(), byName);
    for (SqlNode part : new SqlNode[] {select.getSelectList(), select.getWhere(), select.getGroup(),
        select.getHaving(), orderBy}) {
      shape.verifyNoSubquery(part);
    }
    shape.joins.forEach(j -> shape.verifyNoSubquery(j.getCondition()));
    return shape;
  }

  /** A table the query reads, to name in refusals that concern the query as a whole. */
  RuleTable first() {
    return first;
  }

  /** The tables the identifier may read: one, or several when an unqualified name is ambiguous; none if unknown. */
  List<Column> resolve(SqlIdentifier id) {
    String name = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
    List<Column> found = new ArrayList<>();
    if (id.names.size() >= 2) {
      String alias = id.names.get(id.names.size() - 2).toLowerCase(Locale.ROOT);
      RuleTable table = tables.get(alias);
      if (table != null) {
        found.add(new Column(table, alias, name));
      }
      return found;
    }
    tables.forEach((alias, table) -> {
      if (table.columns().contains(name)) {
        found.add(new Column(table, alias, name));
      }
    });
    return found;
  }

  /** The select list's aliases, lower-cased: ORDER BY and HAVING may name them. */
  Set<String> selectAliases() {
    Set<String> aliases = new java.util.HashSet<>();
    for (SqlNode item : select.getSelectList()) {
      if (item.getKind() == SqlKind.AS) {
        aliases.add(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple().toLowerCase(Locale.ROOT));
      }
    }
    return aliases;
  }

  /** Applies {@code check} to every SqlCall in {@code node} (the node itself included). */
  static void forEachCall(SqlNode node, Function<SqlCall, Void> check) {
    if (node != null) {
      node.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlCall call) {
          check.apply(call);
          return super.visit(call);
        }
      });
    }
  }

  private void from(SqlNode node, Map<String, RuleTable> byName) {
    if (node instanceof SqlJoin join) {
      from(join.getLeft(), byName);
      from(join.getRight(), byName);
      if (join.getJoinType() != JoinType.INNER || join.getConditionType() != JoinConditionType.ON) {
        throw first.refuse(join.getJoinType() + " join" + (join.getConditionType() == JoinConditionType.ON ? ""
            : " without ON") + "; tables are combined only by INNER JOIN ... ON join columns");
      }
      joins.add(join);
    } else if (node instanceof SqlIdentifier id) {
      table(id, id.names.get(id.names.size() - 1), byName);
    } else if (node.getKind() == SqlKind.AS && ((SqlCall) node).operand(0) instanceof SqlIdentifier id) {
      table(id, ((SqlIdentifier) ((SqlCall) node).operand(1)).getSimple(), byName);
    } else {
      throw first.refuse("a subquery or table function in FROM (" + node.getKind() + ")");
    }
  }

  private void table(SqlIdentifier id, String alias, Map<String, RuleTable> byName) {
    String name = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
    RuleTable table = byName.get(name);
    if (table == null) {
      throw first.refuse("table " + name + ", which is not a table of the collaboration");
    }
    if (tables.isEmpty()) {
      first = table;
    }
    tables.put(alias.toLowerCase(Locale.ROOT), table);
  }

  private void verifyNoSubquery(SqlNode node) {
    forEachCall(node, call -> {
      if (call instanceof SqlSelect || call instanceof SqlOrderBy || call.getKind() == SqlKind.WITH
          || call.getKind().belongsTo(SqlKind.SET_QUERY)) {
        throw first.refuse("subqueries");
      }
      return null;
    });
  }
}
