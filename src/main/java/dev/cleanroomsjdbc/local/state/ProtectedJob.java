package dev.cleanroomsjdbc.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A protected job and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED, with cancellation taking
 * SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take a
 * {@link Snapshot}. A job the server stops under (or was stopped under, when its state is loaded again) ends
 * FAILED with {@code INTERNAL_ERROR} and {@link #RESTARTED}.
 */
public final class ProtectedJob {
  /** Why a job in progress when the local Clean Rooms stopped ended FAILED. */
  public static final String RESTARTED = "The local Clean Rooms restarted during this protected job, which did not"
      + " finish; start the job again";

  /** An immutable view of a job at one moment. */
  public record Snapshot(
      String id,
      String membershipId,
      String membershipArn,
      String receiverAccountId,
      String analysisTemplateArn,
      String resultBucket,
      String resultKeyPrefix,
      Instant createTime,
      String status,
      String resultLocation,
      String errorCode,
      String errorMessage,
      Long totalDurationMillis) {

    public boolean active() {
      return "SUBMITTED".equals(status) || "STARTED".equals(status) || "CANCELLING".equals(status);
    }
  }

  private final String id;
  private final String membershipId;
  private final String membershipArn;
  private final String receiverAccountId;
  private final String analysisTemplateArn;
  private final String resultBucket;
  private final String resultKeyPrefix;
  private final Instant createTime;
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private String status = "SUBMITTED";
  private String resultLocation;
  private String errorCode;
  private String errorMessage;
  private Instant endTime;
  private boolean interrupted;
  private volatile Runnable changed = () -> { };

  public ProtectedJob(String id, String membershipId, String membershipArn, String receiverAccountId,
      String analysisTemplateArn, String resultBucket, String resultKeyPrefix, Instant createTime) {
    this.id = id;
    this.membershipId = membershipId;
    this.membershipArn = membershipArn;
    this.receiverAccountId = receiverAccountId;
    this.analysisTemplateArn = analysisTemplateArn;
    this.resultBucket = resultBucket;
    this.resultKeyPrefix = resultKeyPrefix;
    this.createTime = createTime;
  }

  /**
   * A job as a snapshot describes it (read back from saved state); one still in progress there ends FAILED with
   * {@link #RESTARTED} at {@code now}, since no runner will ever pick it up again.
   */
  public static ProtectedJob restore(Snapshot saved, Instant now) {
    ProtectedJob job = new ProtectedJob(saved.id(), saved.membershipId(), saved.membershipArn(),
        saved.receiverAccountId(), saved.analysisTemplateArn(), saved.resultBucket(), saved.resultKeyPrefix(),
        saved.createTime());
    if (saved.active()) {
      job.markFailed("INTERNAL_ERROR", RESTARTED, now);
    } else {
      job.status = saved.status();
      job.resultLocation = saved.resultLocation();
      job.errorCode = saved.errorCode();
      job.errorMessage = saved.errorMessage();
      job.endTime = saved.totalDurationMillis() == null ? null
          : saved.createTime().plusMillis(saved.totalDurationMillis());
    }
    return job;
  }

  /** Runs {@code listener} after every transition, outside the job's lock (the state saves itself there). */
  void onChange(Runnable listener) {
    changed = listener;
  }

  public String id() {
    return id;
  }

  public String membershipId() {
    return membershipId;
  }

  /** Polled by the runtime; turns true once cancellation was requested. */
  public boolean cancelRequested() {
    return cancelRequested.get();
  }

  /** SUBMITTED → STARTED; false when the job was cancelled before it could start. */
  public boolean markStarted() {
    synchronized (this) {
      if (!"SUBMITTED".equals(status)) {
        return false;
      }
      status = "STARTED";
    }
    changed.run();
    return true;
  }

  public void markSucceeded(String location, Instant now) {
    synchronized (this) {
      if (cancelRequested.get()) {
        end("CANCELLED", now);
      } else {
        resultLocation = location;
        end("SUCCESS", now);
      }
    }
    changed.run();
  }

  public void markFailed(String code, String message, Instant now) {
    synchronized (this) {
      errorCode = code;
      errorMessage = message;
      end("FAILED", now);
    }
    changed.run();
  }

  public void markCancelled(Instant now) {
    synchronized (this) {
      end("CANCELLED", now);
    }
    changed.run();
  }

  /**
   * The server is stopping: a job in progress is asked to stop like a cancelled one, but ends FAILED with
   * {@link #RESTARTED} (nobody cancelled it, and a restarted server reports it the same way); a job that has
   * ended is left alone.
   */
  public void interrupt(Instant now) {
    synchronized (this) {
      if (!snapshot().active()) {
        return;
      }
      interrupted = true;
      cancelRequested.set(true);
      if ("SUBMITTED".equals(status)) {
        end("FAILED", now);
      }
    }
    changed.run();
  }

  /**
   * Requests cancellation: SUBMITTED becomes CANCELLED at once, STARTED becomes CANCELLING until the runtime
   * stops.
   *
   * @throws IllegalStateException the job has already ended
   */
  public void requestCancel(Instant now) {
    synchronized (this) {
      switch (status) {
        case "SUBMITTED" -> {
          cancelRequested.set(true);
          end("CANCELLED", now);
        }
        case "STARTED" -> {
          cancelRequested.set(true);
          status = "CANCELLING";
        }
        case "CANCELLING" -> { }
        default -> throw new IllegalStateException(
            "protected job " + id + " has already ended with status " + status);
      }
    }
    changed.run();
  }

  public synchronized Snapshot snapshot() {
    Long duration = endTime == null ? null : Duration.between(createTime, endTime).toMillis();
    return new Snapshot(id, membershipId, membershipArn, receiverAccountId, analysisTemplateArn, resultBucket,
        resultKeyPrefix, createTime, status, resultLocation, errorCode, errorMessage, duration);
  }

  private void end(String finalStatus, Instant now) {
    if (interrupted) {
      // However the runtime stopped, the job ended because the server did.
      status = "FAILED";
      errorCode = "INTERNAL_ERROR";
      errorMessage = RESTARTED;
      resultLocation = null;
    } else {
      status = finalStatus;
    }
    endTime = now;
  }
}
