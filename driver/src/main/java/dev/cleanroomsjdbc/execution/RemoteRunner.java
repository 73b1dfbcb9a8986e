package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;

/**
 * Runs {@link RemoteWork} to its end: starts it, polls it with backoff, and cancels it when the statement's
 * {@link Execution} is stopped. Work this runner started is never left running when it returns or throws.
 */
final class RemoteRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRunner.class);
  /** How long cancelled work may take to end before the statement gives up waiting for it. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final PollSchedule schedule;

  RemoteRunner(PollSchedule schedule) {
    this.schedule = schedule;
  }

  /** Runs the work to its end; returns where its results are, or throws why it did not succeed. */
  CompletedJob run(RemoteWork work, Execution execution) throws SQLException {
    execution.throwIfStopped(work.kind());
    RemoteWork.State state = work.start();
    String id = state.id();
    LOG.debug("Started {} {}", work.kind(), id);
    long started = System.nanoTime();
    boolean ended = false;
    try {
      Duration wait = null;
      while (true) {
        execution.report(new JobProgress(work.kind(), id, state.status(), since(started), state.statistics()));
        if (state.ended()) {
          ended = true;
          return outcome(work, state, execution);
        }
        if (execution.stopped().isPresent()) {
          ended = cancelAndAwait(work, id);
          execution.throwIfStopped(work.kind() + " " + id);
        }
        wait = schedule.next(wait);
        execution.pause(wait);
        if (execution.stopped().isEmpty()) {
          state = work.get(id);
        }
      }
    } finally {
      if (!ended) {
        cancelQuietly(work, id);
      }
    }
  }

  private static CompletedJob outcome(RemoteWork work, RemoteWork.State state, Execution execution)
      throws SQLException {
    if (state.statistics() != null) {
      // The cost of every run in plain sight, also of one that failed (the statement keeps its warnings).
      execution.warn(SqlState.WARNING.warning(work.kind() + " " + state.id() + " ended " + state.status() + ": "
          + state.statistics()));
    }
    if (state.succeeded()) {
      if (state.resultLocation() == null) {
        throw SqlState.INTERNAL_ERROR.exception(work.kind() + " " + state.id()
            + " succeeded but reports no S3 result location; the driver reads results from S3 only");
      }
      CompletedJob done = new CompletedJob(state.id(), state.resultLocation());
      execution.completed(done);
      return done;
    }
    if ("CANCELLED".equals(state.status())) {
      throw SqlState.QUERY_CANCELED.exception(work.kind() + " " + state.id() + " was cancelled outside this statement");
    }
    String code = state.errorCode() == null ? "UNKNOWN_ERROR" : state.errorCode();
    String message = state.errorMessage() == null ? "no error details" : state.errorMessage();
    throw new JobFailedException(work.kind(), state.id(), state.status(), code, message);
  }

  /** Asks for CANCELLED and waits, for a bounded time, until the service says the work has ended. */
  private boolean cancelAndAwait(RemoteWork work, String id) {
    try {
      work.cancel(id);
      LOG.debug("Requested cancellation of {} {}", work.kind(), id);
      long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
      Duration wait = null;
      while (System.nanoTime() < deadline) {
        if (work.get(id).ended()) {
          return true;
        }
        wait = schedule.next(wait);
        Thread.sleep(wait.toMillis());
      }
      LOG.warn("{} {} did not end within {} of its cancellation", work.kind(), id, CANCEL_GRACE);
    } catch (ConflictException e) {
      return true; // it ended on its own before the cancellation arrived
    } catch (SdkException | SQLException e) {
      LOG.warn("Could not cancel {} {}: {}", work.kind(), id, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static void cancelQuietly(RemoteWork work, String id) {
    try {
      work.cancel(id);
    } catch (ConflictException e) {
      LOG.debug("{} {} had already ended", work.kind(), id);
    } catch (SdkException e) {
      LOG.warn("Could not cancel {} {} after a failure: {}", work.kind(), id, e.getMessage());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
