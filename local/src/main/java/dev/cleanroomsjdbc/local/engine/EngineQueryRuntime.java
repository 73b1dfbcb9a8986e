package dev.cleanroomsjdbc.local.engine;

import java.util.function.BooleanSupplier;

/**
 * Runs each protected query on its collaboration's analytics engine: SPARK collaborations on Spark, CLEAN_ROOMS_SQL
 * collaborations on their own engine (today the Calcite runtime).
 */
public final class EngineQueryRuntime implements QueryRuntime {
  private final QueryRuntime spark;
  private final QueryRuntime cleanRoomsSql;

  public EngineQueryRuntime(QueryRuntime spark, QueryRuntime cleanRoomsSql) {
    this.spark = spark;
    this.cleanRoomsSql = cleanRoomsSql;
  }

  @Override
  public String run(QuerySpec spec, BooleanSupplier cancelled) throws JobFailure {
    return ("CLEAN_ROOMS_SQL".equals(spec.analyticsEngine()) ? cleanRoomsSql : spark).run(spec, cancelled);
  }
}
