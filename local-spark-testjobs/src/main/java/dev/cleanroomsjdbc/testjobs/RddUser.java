package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test job that counts a table through the RDD API, which the service refuses. */
public class RddUser implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) {
    Dataset<Row> table = context.referencedTables().values().iterator().next();
    long n = table.javaRDD().count();
    return Map.of("result", context.sparkSession().range(1).selectExpr(n + "L AS n"));
  }
}
