package dev.cleanroomsjdbc.local.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the fault mode injects: each request is throttled (429), failed (500) or slowed at its rate, and each job
 * fails at {@code jobFailureRate} with {@code jobErrorCode}; a share {@code lostResponseRate} of requests runs and
 * then answers 500, as when the answer is lost on the way back (a start then has started its job); a non-null
 * {@code seed} makes the draws repeatable, and a non-empty {@code operations} limits request faults to those
 * operations (e.g. {@code GetProtectedJob}).
 */
public record Faults(
    double throttleRate,
    double serverErrorRate,
    Duration latency,
    double latencyRate,
    double jobFailureRate,
    String jobErrorCode,
    Long seed,
    Set<String> operations,
    double lostResponseRate) {

  /** The job error code failed jobs report unless another is given. */
  public static final String DEFAULT_JOB_ERROR_CODE = "INTERNAL_ERROR";

  private static final Faults NONE =
      new Faults(0, 0, Duration.ZERO, 0, 0, DEFAULT_JOB_ERROR_CODE, null, Set.of(), 0);

  /** Faults without lost responses. */
  public Faults(double throttleRate, double serverErrorRate, Duration latency, double latencyRate,
      double jobFailureRate, String jobErrorCode, Long seed, Set<String> operations) {
    this(throttleRate, serverErrorRate, latency, latencyRate, jobFailureRate, jobErrorCode, seed, operations, 0);
  }

  /**
   * The heavy setting ({@code --faults heavy}): 20% of requests throttled, 10% failed with 500, 10% answered 500
   * after they ran, 10% delayed 300 ms, 10% of jobs FAILED. What a driver must ride out without abandoning a job.
   */
  public static Faults heavy() {
    return new Faults(0.2, 0.1, Duration.ofMillis(300), 0.1, 0.1, DEFAULT_JOB_ERROR_CODE, null, Set.of(), 0.1);
  }

  public Faults {
    rate("throttleRate", throttleRate);
    rate("serverErrorRate", serverErrorRate);
    rate("latencyRate", latencyRate);
    rate("jobFailureRate", jobFailureRate);
    rate("lostResponseRate", lostResponseRate);
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (jobErrorCode == null || jobErrorCode.isBlank()) {
      throw new IllegalArgumentException("jobErrorCode must not be blank");
    }
    operations = operations == null ? Set.of() : Set.copyOf(operations);
  }

  /** No faults: the local Clean Rooms behaves exactly as without the fault mode. */
  public static Faults none() {
    return NONE;
  }

  public Faults withThrottleRate(double rate) {
    return new Faults(rate, serverErrorRate, latency, latencyRate, jobFailureRate, jobErrorCode, seed,
        operations, lostResponseRate);
  }

  public Faults withServerErrorRate(double rate) {
    return new Faults(throttleRate, rate, latency, latencyRate, jobFailureRate, jobErrorCode, seed,
        operations, lostResponseRate);
  }

  /** Delays a share {@code rate} of requests by {@code delay} before they are answered. */
  public Faults withLatency(Duration delay, double rate) {
    return new Faults(throttleRate, serverErrorRate, delay, rate, jobFailureRate, jobErrorCode, seed,
        operations, lostResponseRate);
  }

  /** Ends a share {@code rate} of jobs FAILED with error code {@code code} instead of running them. */
  public Faults withJobFailures(double rate, String code) {
    return new Faults(throttleRate, serverErrorRate, latency, latencyRate, rate, code, seed,
        operations, lostResponseRate);
  }

  public Faults withSeed(long newSeed) {
    return new Faults(throttleRate, serverErrorRate, latency, latencyRate, jobFailureRate, jobErrorCode, newSeed,
        operations, lostResponseRate);
  }

  /** Limits request faults to the named operations (as the service model names them); none means all. */
  public Faults onlyOperations(String... names) {
    return new Faults(throttleRate, serverErrorRate, latency, latencyRate, jobFailureRate, jobErrorCode, seed,
        Set.of(names), lostResponseRate);
  }

  /** Answers a share {@code rate} of requests with 500 after they ran. */
  public Faults withLostResponses(double rate) {
    return new Faults(throttleRate, serverErrorRate, latency, latencyRate, jobFailureRate, jobErrorCode, seed,
        operations, rate);
  }

  /** Whether requests to {@code operation} may get a fault at all. */
  public boolean affectsRequests(String operation) {
    boolean any = throttleRate > 0 || serverErrorRate > 0 || lostResponseRate > 0
        || (latencyRate > 0 && !latency.isZero());
    return any && (operations.isEmpty() || operations.contains(operation));
  }

  public boolean isNone() {
    return throttleRate == 0 && serverErrorRate == 0 && (latencyRate == 0 || latency.isZero())
        && jobFailureRate == 0 && lostResponseRate == 0;
  }

  private static void rate(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
    }
  }
}
