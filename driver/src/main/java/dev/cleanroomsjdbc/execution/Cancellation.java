package dev.cleanroomsjdbc.execution;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;

/**
 * Cancels work and waits until the service says it has ended, retrying the cancel and the look through throttling,
 * 5xx and network errors until a deadline. Runs with the thread's interrupt flag cleared (an interrupted thread is
 * often why the work is cancelled, and the SDK refuses to send from one), and sets it again after.
 */
final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private Cancellation() {}

  /** The work's final state (CANCELLED, or SUCCESS/FAILED if it ended first), or null if not confirmed in time. */
  static RemoteWork.State cancelUntilEnded(RemoteWork work, String id, Duration grace) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + grace.toNanos();
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    boolean requested = false;
    int looksSinceRequest = 0;
    try {
      while (true) {
        try {
          RemoteWork.State state;
          if (!requested) {
            state = work.cancel(id);
            requested = true;
            looksSinceRequest = 0;
            LOG.debug("Requested cancellation of {} {}", work.kind(), id);
          } else {
            state = work.get(id);
            // a cancel whose answer was lost may not have arrived: ask again if the work still runs as before
            if (!state.ended() && !"CANCELLING".equals(state.status()) && ++looksSinceRequest >= 3) {
              requested = false;
            }
          }
          if (state.ended()) {
            return state;
          }
        } catch (ConflictException e) {
          requested = true; // it has ended, or is ending: look
        } catch (SdkException e) {
          if (!Failures.of(e).transientFailure()) {
            LOG.warn("Could not cancel {} {}: {}", work.kind(), id, e.getMessage());
            return null;
          }
          LOG.debug("Cancelling {} {}: {} (retrying)", work.kind(), id, e.getMessage());
        } catch (RuntimeException e) {
          // the client was closed under us (a JVM shutting down): nothing more can be sent
          LOG.warn("Could not cancel {} {}: {}", work.kind(), id, e.toString());
          return null;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("{} {} did not confirm its cancellation within {}; cancel it with CALL cleanrooms.cancel_job('{}')",
              work.kind(), id, grace, id);
          return null;
        }
        try {
          TimeUnit.NANOSECONDS.sleep(Math.min(left, backoff.next().toNanos()));
        } catch (InterruptedException e) {
          interrupted = true; // keep cancelling: an orphan costs more than a late return
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
