package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.Map;

/**
 * Everything a protected query needs to run: its SQL (template parameters already bound), the tables it may read
 * by alias, and where and how its one result is written.
 *
 * @param resultFolder the query's own folder, {@code s3://bucket/keyPrefix/queryId/}
 * @param resultFormat {@code CSV} or {@code PARQUET}
 * @param singleFileOutput one object ({@code result.csv} or {@code result.parquet}) instead of part files
 */
public record QuerySpec(
    String queryId,
    String sql,
    Map<String, TableSource> tables,
    S3Location resultFolder,
    String resultFormat,
    boolean singleFileOutput) {}
