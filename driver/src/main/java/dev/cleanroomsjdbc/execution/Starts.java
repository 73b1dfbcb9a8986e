package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Starts work exactly once. The start request is never retried blindly (the SDK's retries are off for it): a 429
 * or a 402 (the membership's quota, held by another process) is asked again after a backoff, and a lost answer (no
 * response, a timeout, a 5xx) is first resolved by looking for the run it may have started (the service has no
 * idempotency token: the run is recognised by its template and arguments, or its SQL text, created since the first
 * attempt and not started by another statement of this JVM). Waits end only with the statement's stop.
 */
final class Starts {
  private static final Logger LOG = LoggerFactory.getLogger(Starts.class);
  /** How far before the first attempt a run's creation time may be (clock skew between here and the service). */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** How long a stopped statement keeps looking for the run its lost start may have begun, so it can cancel it. */
  private static final Duration STOPPED_LOOKUP_GRACE = Duration.ofSeconds(15);

  private Starts() {}

  /** A run this statement started (or found its lost start had begun), registered for the shutdown hook. */
  record Started(RemoteWork.State state, ActiveWork.Entry entry) {}

  /** The started (or found) run; throws the stop's exception if stopped before anything started. */
  static Started start(RemoteWork work, Execution execution) throws SQLException {
    Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
    Instant firstAttempt = null;
    boolean maybeStarted = false;
    boolean quotaReported = false;
    long began = System.nanoTime();
    while (true) {
      if (maybeStarted) {
        Optional<RemoteWork.State> found = lookUp(work, firstAttempt, execution);
        if (found == null) {
          execution.pause(backoff.next()); // the look itself failed: look again before any new start
          continue;
        }
        if (found.isPresent()) {
          LOG.info("{} {}: found the run a start with a lost answer had begun", work.kind(), found.get().id());
          return new Started(found.get(), ActiveWork.running(work, found.get().id()));
        }
        maybeStarted = false;
      }
      execution.throwIfStopped(work.kind());
      if (firstAttempt == null) {
        firstAttempt = Instant.now();
      }
      if (!ActiveWork.beginStart()) {
        throw SqlState.CONNECTION_FAILURE.exception(work.kind() + " not started: the JVM is shutting down");
      }
      try {
        RemoteWork.State state = work.start();
        return new Started(state, ActiveWork.running(work, state.id()));
      } catch (SdkException e) {
        Failures failure = Failures.of(e);
        if (Thread.interrupted()) {
          execution.cancel(Execution.Stop.CANCELLED);
          Thread.currentThread().interrupt();
        }
        switch (failure) {
          case REFUSED -> throw ServiceErrors.toSqlException(startOperation(work), e);
          case UNKNOWN_OUTCOME -> maybeStarted = true;
          case QUOTA -> {
            if (!quotaReported) {
              quotaReported = true;
              execution.report(new JobProgress(work.kind(), null, "WAITING_FOR_QUOTA", since(began)));
              execution.warn(SqlState.WARNING.warning(work.kind() + " waited for membership " + work.membershipId()
                  + "'s concurrency quota (" + e.getMessage() + "): runs of other processes were using it"));
            }
          }
          case THROTTLED -> { }
          default -> throw new IllegalStateException(failure.name());
        }
        LOG.debug("{} start: {} ({})", work.kind(), failure, e.getMessage());
      } finally {
        ActiveWork.endStart();
      }
      execution.pause(backoff.next());
    }
  }

  /**
   * Runs matching this work created since the first attempt that no statement of this JVM started; empty if none;
   * null if the look failed and should be made again. A stopped statement looks for a bounded time only.
   */
  private static Optional<RemoteWork.State> lookUp(RemoteWork work, Instant firstAttempt, Execution execution)
      throws SQLException {
    boolean interrupted = Thread.interrupted();
    try {
      Instant since = firstAttempt.minus(CLOCK_SKEW);
      long deadline = System.nanoTime() + STOPPED_LOOKUP_GRACE.toNanos();
      Backoff backoff = new Backoff(FIRST_BACKOFF, Duration.ofSeconds(2));
      while (true) {
        try {
          return work.sameRunsSince(since).stream().filter(s -> !ActiveWork.claimed(s.id())).findFirst();
        } catch (SdkException e) {
          if (!Failures.of(e).transientFailure()) {
            throw ServiceErrors.toSqlException("looking for the " + work.kind().toLowerCase(java.util.Locale.ROOT)
                + " a lost start may have begun", e);
          }
          if (execution.stopped().isEmpty()) {
            return null;
          }
          if (System.nanoTime() > deadline) {
            LOG.warn("{}: a start's answer was lost and the statement was stopped before the run could be looked"
                + " for; check cleanrooms.protected_{} for a run to cancel", work.kind(), work.isJob() ? "jobs" : "queries");
            return Optional.empty();
          }
          try {
            Thread.sleep(backoff.next().toMillis());
          } catch (InterruptedException ie) {
            interrupted = true;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String startOperation(RemoteWork work) {
    return work.isJob() ? "StartProtectedJob" : "StartProtectedQuery";
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
