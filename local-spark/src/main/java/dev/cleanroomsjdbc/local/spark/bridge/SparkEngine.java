package dev.cleanroomsjdbc.local.spark.bridge;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One Spark session (local mode or a cluster) that runs protected jobs and queries over tables staged on local
 * disk; implemented inside Spark's class loader, called from the local Clean Rooms' threads.
 */
public interface SparkEngine extends AutoCloseable {

  /**
   * Runs a job and writes each named result with Spark's Parquet writer under {@code job.resultDir()/<name>/}
   * (part files and {@code _SUCCESS}); returns the names in the order the entry point returned them.
   *
   * @throws SparkJobFailure the job failed with the service's error code
   * @throws java.util.concurrent.CancellationException {@code cancelled} turned true
   */
  List<String> runJob(SparkJobRequest job, BooleanSupplier cancelled) throws SparkJobFailure;

  /**
   * Runs one query and streams its rows; the caller closes them. Values are JDK types (String, Long, Integer,
   * Short, Byte, Double, Float, BigDecimal, Boolean, LocalDate, Instant); other Spark types arrive as text.
   */
  SparkRows runQuery(SparkQueryRequest query, BooleanSupplier cancelled) throws SparkJobFailure;

  /** Spark's version and master, e.g. {@code Spark 3.5.8 on local[2]}. */
  String describe();

  /** Stops the session; running work fails. */
  @Override
  void close();
}
