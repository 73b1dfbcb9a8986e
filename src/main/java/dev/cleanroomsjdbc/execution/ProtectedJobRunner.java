package dev.cleanroomsjdbc.execution;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedJobStatus;

/**
 * Starts a protected job, polls it with backoff until it ends, and cancels it when the statement's
 * {@link Execution} is stopped. A job this runner started is never left running when it returns or throws.
 */
public final class ProtectedJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProtectedJobRunner.class);
  private static final Set<ProtectedJobStatus> TERMINAL =
      EnumSet.of(ProtectedJobStatus.SUCCESS, ProtectedJobStatus.FAILED, ProtectedJobStatus.CANCELLED);
  /** How long a cancelled job may take to reach CANCELLED before the statement gives up waiting for it. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final CleanRoomsClient client;
  private final PollSchedule schedule;

  public ProtectedJobRunner(CleanRoomsClient client, PollSchedule schedule) {
    this.client = client;
    this.schedule = schedule;
  }

  /** Runs the PySpark template to its end; returns where its results are, or throws why it did not succeed. */
  public CompletedJob run(String membershipId, String templateArn, Execution execution) throws SQLException {
    execution.throwIfStopped("The protected job of " + templateArn);
    ProtectedJob job = call("StartProtectedJob", () -> client.startProtectedJob(b -> b
        .membershipIdentifier(membershipId)
        .type(ProtectedJobType.PYSPARK)
        .jobParameters(p -> p.analysisTemplateArn(templateArn)))).protectedJob();
    String id = job.id();
    LOG.debug("Started protected job {} of {}", id, templateArn);
    long started = System.nanoTime();
    boolean ended = false;
    try {
      Duration wait = null;
      while (true) {
        execution.report(new JobProgress("Protected job", id, job.statusAsString(), since(started)));
        if (TERMINAL.contains(job.status())) {
          ended = true;
          return outcome(job, execution);
        }
        if (execution.stopped().isPresent()) {
          ended = cancelAndAwait(membershipId, id);
          execution.throwIfStopped("Protected job " + id);
        }
        wait = schedule.next(wait);
        execution.pause(wait);
        if (execution.stopped().isEmpty()) {
          job = get(membershipId, id);
        }
      }
    } finally {
      if (!ended) {
        cancelQuietly(membershipId, id);
      }
    }
  }

  private CompletedJob outcome(ProtectedJob job, Execution execution) throws SQLException {
    switch (job.status()) {
      case SUCCESS -> {
        if (job.result() == null || job.result().output() == null || job.result().output().s3() == null) {
          throw SqlState.INTERNAL_ERROR.exception("Protected job " + job.id()
              + " succeeded but reports no S3 result location; the driver reads results from S3 only");
        }
        CompletedJob done = new CompletedJob(job.id(), URI.create(job.result().output().s3().location()));
        execution.completed(done);
        return done;
      }
      case FAILED -> {
        String code = job.error() == null ? "UNKNOWN_ERROR" : job.error().code();
        String message = job.error() == null ? "no error details" : job.error().message();
        throw new JobFailedException("Protected job", job.id(), code, message);
      }
      default -> throw SqlState.QUERY_CANCELED.exception(
          "Protected job " + job.id() + " was cancelled outside this statement (status " + job.statusAsString() + ")");
    }
  }

  private ProtectedJob get(String membershipId, String id) throws SQLException {
    return call("GetProtectedJob", () -> client.getProtectedJob(b -> b
        .membershipIdentifier(membershipId).protectedJobIdentifier(id))).protectedJob();
  }

  /** Asks for CANCELLED and waits, for a bounded time, until the service says the job has ended. */
  private boolean cancelAndAwait(String membershipId, String id) {
    try {
      client.updateProtectedJob(b -> b.membershipIdentifier(membershipId).protectedJobIdentifier(id)
          .targetStatus(TargetProtectedJobStatus.CANCELLED));
      LOG.debug("Requested cancellation of protected job {}", id);
      long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
      Duration wait = null;
      while (System.nanoTime() < deadline) {
        ProtectedJob job = get(membershipId, id);
        if (TERMINAL.contains(job.status())) {
          return true;
        }
        wait = schedule.next(wait);
        Thread.sleep(wait.toMillis());
      }
      LOG.warn("Protected job {} did not reach CANCELLED within {}", id, CANCEL_GRACE);
    } catch (ConflictException e) {
      return true; // it ended on its own before the cancellation arrived
    } catch (SdkException | SQLException e) {
      LOG.warn("Could not cancel protected job {}: {}", id, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private void cancelQuietly(String membershipId, String id) {
    try {
      client.updateProtectedJob(b -> b.membershipIdentifier(membershipId).protectedJobIdentifier(id)
          .targetStatus(TargetProtectedJobStatus.CANCELLED));
    } catch (ConflictException e) {
      LOG.debug("Protected job {} had already ended", id);
    } catch (SdkException e) {
      LOG.warn("Could not cancel protected job {} after a failure: {}", id, e.getMessage());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
