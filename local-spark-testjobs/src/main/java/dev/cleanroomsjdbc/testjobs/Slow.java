package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.spark.JobContext;
import dev.cleanroomsjdbc.local.spark.JvmEntryPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A test job that waits up to 60 s for cancellation (polling every 20 ms), then returns one row in result
 * {@code result} (column {@code waited_ms bigint}).
 */
public class Slow implements JvmEntryPoint {
  private static final long MAX_WAIT_MILLIS = 60_000;

  @Override
  public Map<String, Dataset<Row>> entrypoint(JobContext context) throws InterruptedException {
    long start = System.nanoTime();
    long waited = 0;
    while (waited < MAX_WAIT_MILLIS) {
      if (context.cancelled().getAsBoolean()) {
        throw new CancellationException("the slow test job was cancelled after " + waited + " ms");
      }
      Thread.sleep(20);
      waited = (System.nanoTime() - start) / 1_000_000;
    }
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    results.put("result", context.sparkSession().range(1).selectExpr(waited + "L AS waited_ms"));
    return results;
  }
}
