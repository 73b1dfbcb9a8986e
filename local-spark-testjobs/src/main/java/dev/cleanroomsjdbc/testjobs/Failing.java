package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test job that always fails with {@code INSUFFICIENT_COMPUTE}. */
public class Failing implements JvmEntryPoint {

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) throws SparkJobFailure {
    throw new SparkJobFailure("INSUFFICIENT_COMPUTE", "the test job asked for more workers than allowed");
  }
}
