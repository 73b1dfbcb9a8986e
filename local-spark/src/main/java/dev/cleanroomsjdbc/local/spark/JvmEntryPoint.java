package dev.cleanroomsjdbc.local.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A protected job written in Java, the counterpart of a PySpark {@code entrypoint(context)}: a {@code .jvm} entry
 * point's text names a public class with a public no-arg constructor implementing this interface.
 */
public interface JvmEntryPoint {

  /**
   * Runs the job.
   *
   * @return the named results, in the order they are reported (use a {@link java.util.LinkedHashMap}); each is
   *     written as Parquet part files and {@code _SUCCESS} under its name
   * @throws dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure to fail the job with a specific error code
   * @throws Exception anything else fails the job with {@code MALFORMED_SCRIPT}
   */
  Map<String, Dataset<Row>> entrypoint(JobContext context) throws Exception;
}
