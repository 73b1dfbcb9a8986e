package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A test job with two results: {@code summary} (label string, n bigint: a/10, b/20, c/30) and {@code details}
 * (k int, v string: 1/v1 ... 10/v10).
 */
public class TwoResults implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) {
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    results.put("summary", context.sparkSession().sql(
        "SELECT * FROM VALUES ('a', 10L), ('b', 20L), ('c', 30L) AS t(label, n)"));
    results.put("details", context.sparkSession().range(1, 11)
        .selectExpr("CAST(id AS INT) AS k", "concat('v', id) AS v"));
    return results;
  }
}
