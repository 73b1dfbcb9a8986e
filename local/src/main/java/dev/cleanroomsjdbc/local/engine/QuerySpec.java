package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.Map;

/**
 * Everything a protected query needs to run: its SQL (template parameters already bound), the tables it may read
 * by alias, where and how its one result is written, and the collaboration's analytics engine.
 *
 * @param resultFolder the query's own folder, {@code s3://bucket/keyPrefix/queryId/}
 * @param resultFormat {@code CSV} or {@code PARQUET}
 * @param singleFileOutput one object ({@code result.csv} or {@code result.parquet}) instead of part files
 * @param analyticsEngine {@code SPARK} (run by Spark) or {@code CLEAN_ROOMS_SQL}
 */
public record QuerySpec(
    String queryId,
    String sql,
    Map<String, TableSource> tables,
    S3Location resultFolder,
    String resultFormat,
    boolean singleFileOutput,
    String analyticsEngine) {

  /** A query of a SPARK collaboration. */
  public QuerySpec(String queryId, String sql, Map<String, TableSource> tables, S3Location resultFolder,
      String resultFormat, boolean singleFileOutput) {
    this(queryId, sql, tables, resultFolder, resultFormat, singleFileOutput, "SPARK");
  }
}
