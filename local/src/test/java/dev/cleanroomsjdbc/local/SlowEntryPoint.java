package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** A job that runs until it is cancelled (at most 30 s), so tests can observe STARTED, CANCELLING and CANCELLED. */
public final class SlowEntryPoint implements JvmEntryPoint {
  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (context.cancelled().getAsBoolean()) {
        throw new CancellationException("cancelled");
      }
      Thread.sleep(10);
    }
    return Map.of();
  }
}
