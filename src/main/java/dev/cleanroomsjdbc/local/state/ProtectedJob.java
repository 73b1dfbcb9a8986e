package dev.cleanroomsjdbc.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A protected job and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED, with cancellation taking
 * SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take a
 * {@link Snapshot}.
 */
public final class ProtectedJob {

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
  public synchronized boolean markStarted() {
    if (!"SUBMITTED".equals(status)) {
      return false;
    }
    status = "STARTED";
    return true;
  }

  public synchronized void markSucceeded(String location, Instant now) {
    if (cancelRequested.get()) {
      end("CANCELLED", now);
      return;
    }
    resultLocation = location;
    end("SUCCESS", now);
  }

  public synchronized void markFailed(String code, String message, Instant now) {
    errorCode = code;
    errorMessage = message;
    end("FAILED", now);
  }

  public synchronized void markCancelled(Instant now) {
    end("CANCELLED", now);
  }

  /**
   * Requests cancellation: SUBMITTED becomes CANCELLED at once, STARTED becomes CANCELLING until the runtime
   * stops.
   *
   * @throws IllegalStateException the job has already ended
   */
  public synchronized void requestCancel(Instant now) {
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
      default -> throw new IllegalStateException("protected job " + id + " has already ended with status " + status);
    }
  }

  public synchronized Snapshot snapshot() {
    Long duration = endTime == null ? null : Duration.between(createTime, endTime).toMillis();
    return new Snapshot(id, membershipId, membershipArn, receiverAccountId, analysisTemplateArn, resultBucket,
        resultKeyPrefix, createTime, status, resultLocation, errorCode, errorMessage, duration);
  }

  private void end(String finalStatus, Instant now) {
    status = finalStatus;
    endTime = now;
  }
}
