package dev.cleanroomsjdbc.local.faults;

import java.time.Duration;
import java.util.Set;

/** Builds a {@link Faults} setting from the standalone server's command-line flags. */
public final class FaultFlags {
  /** The flags this class reads; each takes one value. */
  public static final Set<String> NAMES = Set.of("--throttle-rate", "--error-rate", "--latency-ms", "--latency-rate",
      "--job-failure-rate", "--job-error-code", "--fault-seed", "--fault-operations", "--lost-response-rate", "--faults");

  /** For the usage line. */
  public static final String USAGE = "[--throttle-rate R] [--error-rate R] [--latency-ms N [--latency-rate R]]"
      + " [--job-failure-rate R [--job-error-code CODE]] [--lost-response-rate R] [--faults heavy] [--fault-seed N]"
      + " [--fault-operations Op1,Op2]";

  private Faults faults = Faults.none();
  private Duration latency = Duration.ZERO;
  // A latency given without a rate slows every request.
  private double latencyRate = 1.0;
  private double jobFailureRate;
  private String jobErrorCode = Faults.DEFAULT_JOB_ERROR_CODE;
  private double lostResponseRate;

  /** Applies one flag of {@link #NAMES} with its value. */
  public void set(String flag, String value) {
    switch (flag) {
      case "--throttle-rate" -> faults = faults.withThrottleRate(Double.parseDouble(value));
      case "--error-rate" -> faults = faults.withServerErrorRate(Double.parseDouble(value));
      case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(value));
      case "--latency-rate" -> latencyRate = Double.parseDouble(value);
      case "--job-failure-rate" -> jobFailureRate = Double.parseDouble(value);
      case "--job-error-code" -> jobErrorCode = value;
      case "--fault-seed" -> faults = faults.withSeed(Long.parseLong(value));
      case "--fault-operations" -> faults = faults.onlyOperations(value.trim().split("\\s*,\\s*"));
      case "--lost-response-rate" -> lostResponseRate = Double.parseDouble(value);
      case "--faults" -> heavy(value);
      default -> throw new IllegalArgumentException("not a fault flag: " + flag);
    }
  }

  /** {@code --faults heavy}: the rates of {@link Faults#heavy()}; later flags change single rates of it. */
  private void heavy(String value) {
    if (!"heavy".equals(value)) {
      throw new IllegalArgumentException("--faults takes 'heavy', not " + value);
    }
    Faults heavy = Faults.heavy();
    faults = faults.withThrottleRate(heavy.throttleRate()).withServerErrorRate(heavy.serverErrorRate());
    latency = heavy.latency();
    latencyRate = heavy.latencyRate();
    jobFailureRate = heavy.jobFailureRate();
    lostResponseRate = heavy.lostResponseRate();
  }

  public Faults faults() {
    return faults.withLatency(latency, latency.isZero() ? 0 : latencyRate)
        .withJobFailures(jobFailureRate, jobErrorCode).withLostResponses(lostResponseRate);
  }
}
