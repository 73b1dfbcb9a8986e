package dev.cleanroomsjdbc.local.engine;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/** The table names a SQL query reads in its FROM clauses (including subqueries), lower-cased. */
public final class SqlTableNames {
  private SqlTableNames() {}

  /**
   * The names, or empty when the SQL does not parse in the engine's SQL (running it will then fail with the
   * parser's message).
   */
  public static Optional<Set<String>> of(String sql, EngineSql engine) {
    SqlNode node;
    try {
      node = SqlParser.create(sql.strip().replaceAll(";+$", ""), engine.parserConfig()).parseQuery();
    } catch (SqlParseException | RuntimeException e) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          from(select.getFrom(), names);
        }
        return super.visit(call);
      }
    });
    return Optional.of(names);
  }

  private static void from(SqlNode node, Set<String> names) {
    if (node instanceof SqlIdentifier id) {
      names.add(id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT));
    } else if (node instanceof SqlJoin join) {
      from(join.getLeft(), names);
      from(join.getRight(), names);
    } else if (node.getKind() == SqlKind.AS) {
      from(((SqlCall) node).operand(0), names);
    }
  }
}
