package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test job that reads a path of its own (analysis parameter {@code path}), which the service refuses. */
public class DirectReader implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) {
    return Map.of("result", context.sparkSession().read().text(context.analysisParameters().get("path")));
  }
}
