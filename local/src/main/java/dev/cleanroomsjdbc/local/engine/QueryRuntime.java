package dev.cleanroomsjdbc.local.engine;

import java.util.function.BooleanSupplier;

/** Runs a protected query's SQL over the collaboration's tables and writes its result to S3. */
public interface QueryRuntime {

  /**
   * Runs the query to the end and returns the {@code s3://} URI the query reports as its result location: the
   * result folder for part files, the object itself for single-file output.
   *
   * @param cancelled polled while the query runs; when it turns true the runtime stops promptly and throws
   *     {@link java.util.concurrent.CancellationException}
   * @throws JobFailure the query failed; its code is the service's error code (e.g. {@code MALFORMED_QUERY})
   */
  String run(QuerySpec spec, BooleanSupplier cancelled) throws JobFailure;
}
