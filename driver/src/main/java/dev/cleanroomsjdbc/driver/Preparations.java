package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.Execution;
import java.util.HashSet;
import java.util.Set;

/**
 * The executions of a connection's prepareStatement and prepareCall calls under way: Calcite may run a template's
 * job while it plans (its columns exist only once it ran), before any statement exists that cancel or close could
 * reach. Closing the connection stops them and waits, for a bounded time, until they have cancelled their jobs.
 */
final class Preparations {
  private static final long CLOSE_GRACE_NANOS = 35_000_000_000L;
  private final Set<Execution> running = new HashSet<>();

  synchronized void begin(Execution e) {
    running.add(e);
  }

  synchronized void end(Execution e) {
    running.remove(e);
    notifyAll();
  }

  /** Stops every preparation and waits until they have ended. */
  synchronized void stopAndAwait() {
    for (Execution e : running) {
      e.cancel(Execution.Stop.CLOSED);
    }
    long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
    long left;
    while (!running.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
