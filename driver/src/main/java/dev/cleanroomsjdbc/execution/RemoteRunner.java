package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs {@link RemoteWork} to its end: takes the membership's slot, starts it once ({@link Starts}), polls it on the
 * {@link PollSchedule} through throttling, 5xx and outages of any length, and when the statement's
 * {@link Execution} is stopped cancels it until the service confirms ({@link Cancellation}). The statement then
 * reports what really happened: the stop's error if the work ended CANCELLED, otherwise its real outcome. Every
 * error names the work's id.
 */
final class RemoteRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRunner.class);
  /** How long cancelled work may take to confirm its end before the statement gives up waiting for it. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final PollSchedule schedule;

  RemoteRunner(PollSchedule schedule) {
    this.schedule = schedule;
  }

  /** Runs the work to its end; returns where its results are, or throws why it did not succeed. */
  CompletedJob run(RemoteWork work, Execution execution) throws SQLException {
    execution.throwIfStopped(work.kind());
    try (MembershipSlots.Held slot = MembershipSlots.slot(work, execution)) {
      Starts.Started started;
      try (MembershipSlots.Held turn = MembershipSlots.startTurn(work, execution)) {
        started = Starts.start(work, execution);
      }
      try (ActiveWork.Entry entry = started.entry()) {
        return follow(work, started.state(), execution);
      }
    }
  }

  private CompletedJob follow(RemoteWork work, RemoteWork.State first, Execution execution) throws SQLException {
    String id = first.id();
    LOG.debug("Started {} {}", work.kind(), id);
    long started = System.nanoTime();
    PollSchedule.Run polls = schedule.start(System::nanoTime);
    RemoteWork.State state = first;
    boolean ended = false;
    boolean troubled = false;
    try {
      while (true) {
        execution.report(new JobProgress(work.kind(), id, state.status(), since(started), state.statistics()));
        if (state.ended()) {
          ended = true;
          return outcome(work, state, execution);
        }
        if (execution.stopped().isPresent()) {
          RemoteWork.State end = Cancellation.cancelUntilEnded(work, id, CANCEL_GRACE);
          ended = true; // confirmed, or tried for the whole grace period: do not try again below
          return stopped(work, id, end, execution);
        }
        execution.pause(polls.next(troubled));
        if (Thread.currentThread().isInterrupted()) {
          execution.cancel(Execution.Stop.CANCELLED);
        }
        if (execution.stopped().isPresent()) {
          continue;
        }
        try {
          state = work.get(id);
          troubled = false;
        } catch (SdkException e) {
          if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            execution.cancel(Execution.Stop.CANCELLED);
            continue;
          }
          if (!Failures.of(e).transientFailure()) {
            throw SqlState.INTERNAL_ERROR.exception(work.kind() + " " + id + ": " + ServiceErrors
                .toSqlException(work.isJob() ? "GetProtectedJob" : "GetProtectedQuery", e).getMessage(), e);
          }
          // the job runs on whether or not the service answers: keep waiting, backing off
          troubled = true;
          LOG.debug("{} {}: polling failed ({}), retrying", work.kind(), id, e.getMessage());
        }
      }
    } finally {
      if (!ended) {
        Cancellation.cancelUntilEnded(work, id, CANCEL_GRACE);
      }
    }
  }

  /** What a stopped statement reports: the stop's error only if the work really ended CANCELLED. */
  private static CompletedJob stopped(RemoteWork work, String id, RemoteWork.State end, Execution execution)
      throws SQLException {
    Execution.Stop stop = execution.stopped().orElseThrow();
    if (end == null) {
      throw SqlState.CANCEL_UNCONFIRMED.exception(work.kind() + " " + id + " was asked to stop because "
          + stop.why() + ", but the service did not confirm within " + CANCEL_GRACE.toSeconds() + " s that it"
          + " ended. It may still be running: check SELECT status FROM cleanrooms." + (work.isJob()
          ? "protected_jobs WHERE job_id" : "protected_queries WHERE query_id") + " = '" + id + "' and cancel it"
          + " with CALL cleanrooms.cancel_job('" + id + "')");
    }
    if ("CANCELLED".equals(end.status())) {
      throw stop.exception(work.kind() + " " + id);
    }
    LOG.debug("{} {} ended {} before its cancellation took effect", work.kind(), id, end.status());
    return outcome(work, end, execution);
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

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
