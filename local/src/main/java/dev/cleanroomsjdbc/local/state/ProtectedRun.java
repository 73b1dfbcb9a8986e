package dev.cleanroomsjdbc.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The status machine protected jobs and queries share: SUBMITTED → STARTED → SUCCESS | FAILED, with cancellation
 * taking SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized and tell the
 * state's listener afterwards, outside the lock (the state saves itself there).
 */
abstract class ProtectedRun {
  private final String kind;
  private final String id;
  private final String membershipId;
  private final String membershipArn;
  private final Instant createTime;
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  String status = "SUBMITTED";
  String resultLocation;
  String errorCode;
  String errorMessage;
  Instant endTime;
  private volatile Runnable changed = () -> { };

  ProtectedRun(String kind, String id, String membershipId, String membershipArn, Instant createTime) {
    this.kind = kind;
    this.id = id;
    this.membershipId = membershipId;
    this.membershipArn = membershipArn;
    this.createTime = createTime;
  }

  /** Whether a saved status was still in progress (and so can never finish after a restart). */
  static boolean active(String status) {
    return "SUBMITTED".equals(status) || "STARTED".equals(status) || "CANCELLING".equals(status);
  }

  /**
   * Takes over a saved run's outcome; one still in progress ends FAILED with {@code INTERNAL_ERROR} and
   * {@code restarted} at {@code now}, since no runner will ever pick it up again.
   */
  final void restore(String savedStatus, String location, String code, String message, Long durationMillis,
      String restarted, Instant now) {
    if (active(savedStatus)) {
      markFailed("INTERNAL_ERROR", restarted, now);
      return;
    }
    status = savedStatus;
    resultLocation = location;
    errorCode = code;
    errorMessage = message;
    endTime = durationMillis == null ? null : createTime.plusMillis(durationMillis);
  }

  /** Runs {@code listener} after every transition, outside the run's lock. */
  void onChange(Runnable listener) {
    changed = listener;
  }

  public String id() {
    return id;
  }

  public String membershipId() {
    return membershipId;
  }

  public String membershipArn() {
    return membershipArn;
  }

  public Instant createTime() {
    return createTime;
  }

  /** Polled by the runtime; turns true once cancellation was requested. */
  public boolean cancelRequested() {
    return cancelRequested.get();
  }

  /** SUBMITTED → STARTED; false when the run was cancelled before it could start. */
  public boolean markStarted() {
    synchronized (this) {
      if (!"SUBMITTED".equals(status)) {
        return false;
      }
      status = "STARTED";
    }
    changed();
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
    changed();
  }

  public void markFailed(String code, String message, Instant now) {
    synchronized (this) {
      errorCode = code;
      errorMessage = message;
      end("FAILED", now);
    }
    changed();
  }

  public void markCancelled(Instant now) {
    synchronized (this) {
      end("CANCELLED", now);
    }
    changed();
  }

  /**
   * Requests cancellation: SUBMITTED becomes CANCELLED at once, STARTED becomes CANCELLING until the runtime
   * stops.
   *
   * @throws IllegalStateException the run has already ended
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
            "protected " + kind + " " + id + " has already ended with status " + status);
      }
    }
    changed();
  }

  /** Asks the runtime to stop without a cancellation being recorded (the server is stopping). */
  final void requestStop() {
    cancelRequested.set(true);
  }

  /** Milliseconds from creation to the end, once ended. */
  final Long durationMillis() {
    return endTime == null ? null : Duration.between(createTime, endTime).toMillis();
  }

  final void changed() {
    changed.run();
  }

  /** Ends the run; called with the lock held. */
  void end(String finalStatus, Instant now) {
    status = finalStatus;
    endTime = now;
  }
}
