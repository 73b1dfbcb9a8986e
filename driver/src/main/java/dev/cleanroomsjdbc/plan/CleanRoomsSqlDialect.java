package dev.cleanroomsjdbc.plan;

import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL of a collaboration's analytics engine: what the CLEANROOMS conventions write pushed-down queries in, and
 * what they can express. A collaboration whose {@code analyticsEngine} is {@code SPARK} (or absent, as the service
 * defaults it) gets Spark SQL; one whose engine is {@code CLEAN_ROOMS_SQL} gets AWS Clean Rooms SQL. Bound values
 * become literals of the same dialect ({@link #literal}), so one statement never mixes two.
 */
public enum CleanRoomsSqlDialect {
  /** AWS Clean Rooms Spark SQL: back-quoted identifiers, Spark's functions. */
  SPARK("Spark SQL", SparkEngineDialect.INSTANCE),
  /** AWS Clean Rooms SQL: double-quoted identifiers, the functions and forms of its SQL reference only. */
  CLEAN_ROOMS_SQL("AWS Clean Rooms SQL", CleanRoomsSqlEngineDialect.INSTANCE);

  private final String title;
  private final SqlDialect sql;

  CleanRoomsSqlDialect(String title, SqlDialect sql) {
    this.title = title;
    this.sql = sql;
  }

  /** The dialect of a collaboration's {@code analyticsEngine} (SPARK when the collaboration names none). */
  public static CleanRoomsSqlDialect of(String analyticsEngine) {
    return analyticsEngine != null && analyticsEngine.toUpperCase(Locale.ROOT).equals("CLEAN_ROOMS_SQL")
        ? CLEAN_ROOMS_SQL : SPARK;
  }

  /** The name the SQL reference gives the dialect, for messages and EXPLAIN. */
  public String title() {
    return title;
  }

  /** Calcite's dialect that writes this SQL. */
  public SqlDialect sqlDialect() {
    return sql;
  }

  /**
   * A bound parameter value as a literal of {@code type} (the type the planner gave the parameter), or of the
   * value's own type where the planner left it open. Fails with 22023 when the value is not one of the type.
   */
  public String literal(Object value, SqlTypeName type, int parameter) throws SQLException {
    return SqlLiterals.write(value, type, sql, parameter);
  }

  /** Whether this dialect can write the expression; where it cannot, the operator holding it stays with Calcite. */
  boolean canWrite(RexNode expression) {
    return this == SPARK || Expressible.inCleanRoomsSql(expression);
  }

  /** Whether this dialect has the aggregate function of {@code call}. */
  boolean canWrite(AggregateCall call) {
    return this == SPARK || Expressible.inCleanRoomsSql(call);
  }
}
