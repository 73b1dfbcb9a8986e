package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A test job that waits up to 60 s for cancellation (polling every 20 ms), then returns one row in result
 * {@code result} (column {@code waited_ms bigint}).
 */
public class Slow implements JvmEntryPoint {
  private static final long MAX_WAIT_MILLIS = 60_000;

  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) throws InterruptedException {
    long start = System.nanoTime();
    long waited = 0;
    while (waited < MAX_WAIT_MILLIS) {
      if (context.cancelled().getAsBoolean()) {
        throw new CancellationException("the slow test job was cancelled after " + waited + " ms");
      }
      Thread.sleep(20);
      waited = (System.nanoTime() - start) / 1_000_000;
    }
    Map<String, ResultTable> results = new LinkedHashMap<>();
    results.put("result", new ResultTable(List.of(new ColumnSpec("waited_ms", "bigint")),
        List.<Object[]>of(new Object[] {waited}).iterator()));
    return results;
  }
}
