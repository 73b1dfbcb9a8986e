package dev.cleanroomsjdbc.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Util;

/**
 * Writes a CLEANROOMS subtree as the SQL of its collaboration's engine ({@link CleanRoomsSqlDialect}), split at its
 * dynamic parameters ({@link PushedSql}). Tables are named as the collaboration knows them (its schemas), without
 * the Calcite schema the driver puts them under. Public because Calcite dispatches to {@link #visit(TableScan)} by
 * reflection.
 */
public final class CleanRoomsSql extends RelToSqlConverter {
  private CleanRoomsSql(CleanRoomsSqlDialect dialect) {
    super(dialect.sqlDialect());
  }

  static PushedSql of(RelNode rel, CleanRoomsSqlDialect dialect) {
    SqlImplementor.Result result = new CleanRoomsSql(dialect).visitRoot(rel);
    SqlNode statement = result.asStatement();
    StringBuilder buf = new StringBuilder();
    List<Integer> positions = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    SqlWriterConfig config = SqlPrettyWriter.config().withDialect(dialect.sqlDialect()).withAlwaysUseParentheses(false)
        .withSelectListItemsOnSeparateLines(false).withUpdateSetListNewline(false).withIndentation(0);
    SqlPrettyWriter writer = new SqlPrettyWriter(config, buf) {
      @Override
      public void dynamicParam(int index) {
        super.dynamicParam(index); // writes the "?" last
        positions.add(buf.length() - 1);
        indexes.add(index);
      }
    };
    statement.unparse(writer, 0, 0);
    String sql = writer.toString();
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int p : positions) {
      parts.add(sql.substring(from, p));
      from = p + 1;
    }
    parts.add(sql.substring(from));
    Map<Integer, SqlTypeName> planned = parameterTypes(rel);
    List<SqlTypeName> types = indexes.stream().map(i -> planned.getOrDefault(i, SqlTypeName.ANY)).toList();
    return new PushedSql(List.copyOf(parts), List.copyOf(indexes), types, dialect);
  }

  /** The type the planner gave each dynamic parameter of the subtree, by index. */
  private static Map<Integer, SqlTypeName> parameterTypes(RelNode rel) {
    Map<Integer, SqlTypeName> types = new HashMap<>();
    collect(rel, types);
    return types;
  }

  private static void collect(RelNode rel, Map<Integer, SqlTypeName> types) {
    RelNode node = rel instanceof RelSubset subset ? subset.getBestOrOriginal()
        : rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
    node.accept(new RexShuttle() {
      @Override
      public org.apache.calcite.rex.RexNode visitDynamicParam(RexDynamicParam param) {
        types.put(param.getIndex(), param.getType().getSqlTypeName());
        return param;
      }
    });
    node.getInputs().forEach(input -> collect(input, types));
  }

  /**
   * A window's SELECT, marked as one so that a WHERE, GROUP BY or ORDER BY above it goes around it as a
   * subquery: Calcite's writer would otherwise put {@code ROW_NUMBER() OVER (...)} into that WHERE, which no SQL
   * allows.
   */
  @Override
  public Result visit(Window e) {
    Result window = super.visit(e);
    return result(window.asSelect(), List.of(Clause.SELECT), e, null);
  }

  @Override
  public Result visit(TableScan e) {
    SqlIdentifier table = new SqlIdentifier(Util.last(e.getTable().getQualifiedName()), SqlParserPos.ZERO);
    return result(table, java.util.List.of(Clause.FROM), e, null);
  }
}
