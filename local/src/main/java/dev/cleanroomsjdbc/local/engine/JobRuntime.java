package dev.cleanroomsjdbc.local.engine;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs a protected job's entry point over its referenced tables and writes its named results to S3. */
public interface JobRuntime {

  /**
   * Runs the job to the end and returns the names of the results it wrote, in the order the entry point
   * returned them. Each result is written as Parquet part files plus {@code _SUCCESS} under
   * {@code resultPrefix/<name>/}.
   *
   * @param cancelled polled while the job runs; when it turns true the runtime stops promptly and throws
   *     {@link java.util.concurrent.CancellationException}
   * @throws JobFailure the job failed; its code is the service's job error code
   */
  List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure;
}
