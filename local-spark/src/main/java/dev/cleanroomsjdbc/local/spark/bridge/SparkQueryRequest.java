package dev.cleanroomsjdbc.local.spark.bridge;

import java.util.List;

/** A protected query for the engine: one Spark SQL query over its staged tables. */
public record SparkQueryRequest(String queryId, String sql, List<SparkTable> tables) {

  public SparkQueryRequest {
    tables = List.copyOf(tables);
  }
}
