package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A test job with one result {@code rows} of N rows (analysis parameter {@code rows}, default
 * {@link TypedRowValues#DEFAULT_ROWS}) covering every common type, computed by Spark from the row index exactly as
 * {@link TypedRowValues#expectedRow} says.
 */
public class TypedRows implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) {
    long count = Long.parseLong(context.analysisParameters().getOrDefault("rows",
        String.valueOf(TypedRowValues.DEFAULT_ROWS)));
    Dataset<Row> rows = context.sparkSession().range(count).selectExpr(
        "id",
        orNull("concat('name-', id)") + " AS name",
        orNull("CAST(id % 1000 AS INT) - 500") + " AS qty",
        orNull("CAST(id AS DOUBLE) * 0.25D") + " AS price",
        orNull("CAST(CAST(id * 137 - 50000 AS DECIMAL(20,0)) / 100 AS DECIMAL(12,2))") + " AS amount",
        orNull("id % 2 = 0") + " AS active",
        orNull("date_add(DATE'" + TypedRowValues.FIRST_DAY + "', CAST(id % 3650 AS INT))") + " AS day",
        orNull("timestamp_millis(" + TypedRowValues.FIRST_MILLIS + "L + id * 1001L)") + " AS at");
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    results.put("rows", rows);
    return results;
  }

  private static String orNull(String expression) {
    return "CASE WHEN id % 7 = 0 THEN NULL ELSE " + expression + " END";
  }
}
