package dev.cleanroomsjdbc.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * Writes a CLEANROOMS subtree as the Spark SQL that Clean Rooms runs. Tables are named as the collaboration
 * knows them (its schemas), without the Calcite schema the driver puts them under. Public because Calcite
 * dispatches to {@link #visit(TableScan)} by reflection.
 */
public final class CleanRoomsSql extends RelToSqlConverter {
  private static final SqlDialect DIALECT = SparkSqlDialect.DEFAULT;

  private CleanRoomsSql() {
    super(DIALECT);
  }

  static String of(RelNode rel) {
    SqlImplementor.Result result = new CleanRoomsSql().visitRoot(rel);
    return result.asStatement().toSqlString(DIALECT).getSql();
  }

  @Override
  public Result visit(TableScan e) {
    SqlIdentifier table = new SqlIdentifier(Util.last(e.getTable().getQualifiedName()), SqlParserPos.ZERO);
    return result(table, java.util.List.of(Clause.FROM), e, null);
  }
}
