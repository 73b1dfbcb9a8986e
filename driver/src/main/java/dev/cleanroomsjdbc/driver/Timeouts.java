package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.Execution;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Ends executions whose query timeout expires; one daemon thread serves every statement of the JVM. */
final class Timeouts {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cleanrooms-query-timeout");
    t.setDaemon(true);
    return t;
  });

  private Timeouts() {}

  /** Cancels {@code execution} with TIMED_OUT after {@code seconds}; 0 means no timeout. */
  static ScheduledFuture<?> arm(Execution execution, int seconds) {
    if (seconds <= 0) {
      return null;
    }
    return TIMER.schedule(() -> execution.cancel(Execution.Stop.TIMED_OUT), seconds, TimeUnit.SECONDS);
  }
}
