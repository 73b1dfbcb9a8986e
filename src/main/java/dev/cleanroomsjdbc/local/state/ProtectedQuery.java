package dev.cleanroomsjdbc.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A protected query and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED | TIMED_OUT, with cancellation
 * taking SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take
 * a {@link Snapshot}.
 */
public final class ProtectedQuery {

  /** What the caller asked to run: SQL text or a template ARN, with the template's parameter values. */
  public record SqlParameters(String queryString, String analysisTemplateArn, Map<String, String> parameters) {

    public SqlParameters {
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }

  /** An immutable view of a query at one moment. */
  public record Snapshot(
      String id,
      String membershipId,
      String membershipArn,
      SqlParameters sqlParameters,
      QueryOutput output,
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
  private final SqlParameters sqlParameters;
  private final QueryOutput output;
  private final Instant createTime;
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private String status = "SUBMITTED";
  private String resultLocation;
  private String errorCode;
  private String errorMessage;
  private Instant endTime;

  public ProtectedQuery(String id, String membershipId, String membershipArn, SqlParameters sqlParameters,
      QueryOutput output, Instant createTime) {
    this.id = id;
    this.membershipId = membershipId;
    this.membershipArn = membershipArn;
    this.sqlParameters = sqlParameters;
    this.output = output;
    this.createTime = createTime;
  }

  public String id() {
    return id;
  }

  public String membershipId() {
    return membershipId;
  }

  public Instant createTime() {
    return createTime;
  }

  /** Polled by the runtime; turns true once cancellation was requested. */
  public boolean cancelRequested() {
    return cancelRequested.get();
  }

  /** SUBMITTED → STARTED; false when the query was cancelled before it could start. */
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

  /** The query ran past the server's query timeout; a cancel requested meanwhile still wins. */
  public synchronized void markTimedOut(Instant now) {
    end(cancelRequested.get() ? "CANCELLED" : "TIMED_OUT", now);
  }

  /**
   * Requests cancellation: SUBMITTED becomes CANCELLED at once, STARTED becomes CANCELLING until the runtime
   * stops.
   *
   * @throws IllegalStateException the query has already ended
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
      default -> throw new IllegalStateException(
          "protected query " + id + " has already ended with status " + status);
    }
  }

  public synchronized Snapshot snapshot() {
    Long duration = endTime == null ? null : Duration.between(createTime, endTime).toMillis();
    return new Snapshot(id, membershipId, membershipArn, sqlParameters, output, createTime, status, resultLocation,
        errorCode, errorMessage, duration);
  }

  private void end(String finalStatus, Instant now) {
    status = finalStatus;
    endTime = now;
  }
}
