package dev.cleanroomsjdbc.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A protected query and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED | TIMED_OUT, with cancellation
 * taking SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take
 * a {@link Snapshot}. A query in progress when the local Clean Rooms stopped comes back, once its state is loaded
 * again, FAILED with {@code INTERNAL_ERROR} and {@link #RESTARTED}.
 */
public final class ProtectedQuery {
  /** Why a query in progress when the local Clean Rooms stopped ended FAILED. */
  public static final String RESTARTED = "The local Clean Rooms restarted during this protected query, which did not"
      + " finish; run the query again";

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
  private volatile Runnable changed = () -> { };

  public ProtectedQuery(String id, String membershipId, String membershipArn, SqlParameters sqlParameters,
      QueryOutput output, Instant createTime) {
    this.id = id;
    this.membershipId = membershipId;
    this.membershipArn = membershipArn;
    this.sqlParameters = sqlParameters;
    this.output = output;
    this.createTime = createTime;
  }

  /**
   * A query as a snapshot describes it (read back from saved state); one still in progress there ends FAILED with
   * {@link #RESTARTED} at {@code now}, since no runner will ever pick it up again.
   */
  public static ProtectedQuery restore(Snapshot saved, Instant now) {
    ProtectedQuery query = new ProtectedQuery(saved.id(), saved.membershipId(), saved.membershipArn(),
        saved.sqlParameters(), saved.output(), saved.createTime());
    if (saved.active()) {
      query.markFailed("INTERNAL_ERROR", RESTARTED, now);
    } else {
      query.status = saved.status();
      query.resultLocation = saved.resultLocation();
      query.errorCode = saved.errorCode();
      query.errorMessage = saved.errorMessage();
      query.endTime = saved.totalDurationMillis() == null ? null
          : saved.createTime().plusMillis(saved.totalDurationMillis());
    }
    return query;
  }

  /** Runs {@code listener} after every transition, outside the query's lock (the state saves itself there). */
  void onChange(Runnable listener) {
    changed = listener;
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

  /** The query ran past the server's query timeout; a cancel requested meanwhile still wins. */
  public void markTimedOut(Instant now) {
    synchronized (this) {
      end(cancelRequested.get() ? "CANCELLED" : "TIMED_OUT", now);
    }
    changed.run();
  }

  /**
   * Requests cancellation: SUBMITTED becomes CANCELLED at once, STARTED becomes CANCELLING until the runtime
   * stops.
   *
   * @throws IllegalStateException the query has already ended
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
            "protected query " + id + " has already ended with status " + status);
      }
    }
    changed.run();
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
