package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test job that counts the rows of every referenced table: result {@code counts} (alias string, n bigint). */
public class CountRows implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) {
    Dataset<Row> counts = null;
    for (Map.Entry<String, Dataset<Row>> table : context.referencedTables().entrySet()) {
      Dataset<Row> one = table.getValue().selectExpr("'" + table.getKey() + "' AS alias", "count(*) AS n")
          .groupBy("alias").sum("n").withColumnRenamed("sum(n)", "n");
      counts = counts == null ? one : counts.unionByName(one);
    }
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    results.put("counts", counts.orderBy("alias"));
    return results;
  }
}
