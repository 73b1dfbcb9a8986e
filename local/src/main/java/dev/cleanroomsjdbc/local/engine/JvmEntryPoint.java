package dev.cleanroomsjdbc.local.engine;

import java.util.Map;

/**
 * A job entry point written in Java, the local stand-in for a PySpark {@code entrypoint(context)}: the entry point
 * object's text names a public class with a public no-arg constructor implementing this interface.
 */
public interface JvmEntryPoint {

  /**
   * Runs the job.
   *
   * @return the named results, in the order they are reported (use a {@link java.util.LinkedHashMap})
   * @throws JobFailure to fail the job with a specific error code
   * @throws java.util.concurrent.CancellationException when {@code context.cancelled()} turned true
   * @throws Exception anything else fails the job with {@code MALFORMED_SCRIPT}
   */
  Map<String, ResultTable> entrypoint(JobContext context) throws Exception;
}
