package dev.cleanroomsjdbc.plan;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

/**
 * The calling convention of what Clean Rooms runs, one per analytics engine (as Calcite's JDBC adapter has one per
 * database): its rules push down only what the engine's dialect can write, and its boundary writes the SQL in that
 * dialect. EXPLAIN shows it as {@code CLEANROOMS.SPARK} or {@code CLEANROOMS.CLEAN_ROOMS_SQL}.
 */
public final class CleanRoomsConvention extends Convention.Impl {
  public static final CleanRoomsConvention SPARK = new CleanRoomsConvention(CleanRoomsSqlDialect.SPARK);
  public static final CleanRoomsConvention CLEAN_ROOMS_SQL =
      new CleanRoomsConvention(CleanRoomsSqlDialect.CLEAN_ROOMS_SQL);

  private final CleanRoomsSqlDialect dialect;
  private final List<RelOptRule> rules;

  private CleanRoomsConvention(CleanRoomsSqlDialect dialect) {
    super("CLEANROOMS." + dialect.name(), CleanRoomsRel.class);
    this.dialect = dialect;
    this.rules = CleanRoomsRules.of(this);
  }

  /** The convention of a collaboration whose engine writes {@code dialect}. */
  public static CleanRoomsConvention of(CleanRoomsSqlDialect dialect) {
    return dialect == CleanRoomsSqlDialect.CLEAN_ROOMS_SQL ? CLEAN_ROOMS_SQL : SPARK;
  }

  public CleanRoomsSqlDialect dialect() {
    return dialect;
  }

  @Override
  public void register(RelOptPlanner planner) {
    rules.forEach(planner::addRule);
  }
}
