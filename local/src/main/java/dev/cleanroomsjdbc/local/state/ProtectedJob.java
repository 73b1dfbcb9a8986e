package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A protected job and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED, with cancellation taking
 * SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take a
 * {@link Snapshot}. A job the server stops under (or was stopped under, when its state is loaded again) ends
 * FAILED with {@code INTERNAL_ERROR} and {@link #RESTARTED}.
 */
public final class ProtectedJob extends ProtectedRun {
  /** Why a job in progress when the local Clean Rooms stopped ended FAILED. */
  public static final String RESTARTED = "The local Clean Rooms restarted during this protected job, which did not"
      + " finish; start the job again";

  /**
   * An immutable view of a job at one moment; {@code memberOutputAccountId} is set when the job was started with a
   * {@code member} output configuration, and {@code computeConfiguration} is the one it was started with (null when
   * none was given).
   */
  public record Snapshot(
      String id,
      String membershipId,
      String membershipArn,
      String receiverAccountId,
      String analysisTemplateArn,
      String resultBucket,
      String resultKeyPrefix,
      String memberOutputAccountId,
      JsonNode computeConfiguration,
      Instant createTime,
      String status,
      String resultLocation,
      String errorCode,
      String errorMessage,
      Long totalDurationMillis) {

    public boolean active() {
      return ProtectedRun.active(status);
    }
  }

  private final String receiverAccountId;
  private final String analysisTemplateArn;
  private final String resultBucket;
  private final String resultKeyPrefix;
  private final String memberOutputAccountId;
  private final JsonNode computeConfiguration;
  private boolean interrupted;

  public ProtectedJob(String id, String membershipId, String membershipArn, String receiverAccountId,
      String analysisTemplateArn, String resultBucket, String resultKeyPrefix, String memberOutputAccountId,
      JsonNode computeConfiguration, Instant createTime) {
    super("job", id, membershipId, membershipArn, createTime);
    this.receiverAccountId = receiverAccountId;
    this.analysisTemplateArn = analysisTemplateArn;
    this.resultBucket = resultBucket;
    this.resultKeyPrefix = resultKeyPrefix;
    this.memberOutputAccountId = memberOutputAccountId;
    this.computeConfiguration = computeConfiguration;
  }

  /**
   * A job as a snapshot describes it (read back from saved state); one still in progress there ends FAILED with
   * {@link #RESTARTED} at {@code now}, since no runner will ever pick it up again.
   */
  public static ProtectedJob restore(Snapshot saved, Instant now) {
    ProtectedJob job = new ProtectedJob(saved.id(), saved.membershipId(), saved.membershipArn(),
        saved.receiverAccountId(), saved.analysisTemplateArn(), saved.resultBucket(), saved.resultKeyPrefix(),
        saved.memberOutputAccountId(), saved.computeConfiguration(), saved.createTime());
    job.restore(saved.status(), saved.resultLocation(), saved.errorCode(), saved.errorMessage(),
        saved.totalDurationMillis(), RESTARTED, now);
    return job;
  }

  /**
   * The server is stopping: a job in progress is asked to stop like a cancelled one, but ends FAILED with
   * {@link #RESTARTED} (nobody cancelled it, and a restarted server reports it the same way); a job that has
   * ended is left alone.
   */
  public void interrupt(Instant now) {
    synchronized (this) {
      if (!active(status)) {
        return;
      }
      interrupted = true;
      requestStop();
      if ("SUBMITTED".equals(status)) {
        end("FAILED", now);
      }
    }
    changed();
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(id(), membershipId(), membershipArn(), receiverAccountId, analysisTemplateArn, resultBucket,
        resultKeyPrefix, memberOutputAccountId, computeConfiguration, createTime(), status, resultLocation, errorCode,
        errorMessage, durationMillis());
  }

  @Override
  void end(String finalStatus, Instant now) {
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
