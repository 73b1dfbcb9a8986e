package dev.cleanroomsjdbc.local.faults;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the faults of the current {@link Faults} setting; thread-safe, and changeable while the server runs.
 * Requests and jobs draw from separate randoms, so background jobs do not shift the sequence a client sees.
 */
public final class FaultInjector {
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
  // Any fixed odd constant: it only has to make the jobs' sequence differ from the requests' one.
  private static final long JOB_SALT = 0x9E3779B97F4A7C15L;

  /**
   * What happens to one request: a delay, then a 429 or a 500 before it runs, or a 500 after it ran (its answer
   * lost), or nothing.
   */
  public record RequestFault(Duration delay, boolean throttle, boolean serverError, boolean lostResponse) {
    public static final RequestFault NONE = new RequestFault(Duration.ZERO, false, false, false);
  }

  private Faults faults;
  private Random requests;
  private Random jobs;

  public FaultInjector(Faults faults) {
    set(faults);
  }

  /** Replaces the setting and restarts both random sequences from its seed (a fresh one when it has none). */
  public synchronized void set(Faults newFaults) {
    faults = newFaults == null ? Faults.none() : newFaults;
    long seed = faults.seed() != null ? faults.seed() : new Random().nextLong();
    requests = new Random(seed);
    jobs = new Random(seed ^ JOB_SALT);
    if (!faults.isNone()) {
      LOG.info("fault mode on: {}", faults);
    }
  }

  public synchronized Faults faults() {
    return faults;
  }

  /** Draws the fault of one request to {@code operation}; every draw is made so the sequence stays aligned. */
  public synchronized RequestFault forRequest(String operation) {
    if (!faults.affectsRequests(operation)) {
      return RequestFault.NONE;
    }
    boolean slow = requests.nextDouble() < faults.latencyRate();
    boolean throttle = requests.nextDouble() < faults.throttleRate();
    boolean error = requests.nextDouble() < faults.serverErrorRate();
    // drawn only when set, so that settings without it keep the sequences they always had
    boolean lost = faults.lostResponseRate() > 0 && requests.nextDouble() < faults.lostResponseRate();
    RequestFault fault = new RequestFault(slow ? faults.latency() : Duration.ZERO, throttle, error && !throttle,
        lost && !throttle && !error);
    if (!fault.equals(RequestFault.NONE)) {
      LOG.debug("injecting {} into {}", fault, operation);
    }
    return fault;
  }

  /** The error code of a job that is to fail, or empty when the job runs normally. */
  public synchronized Optional<String> forJob() {
    if (faults.jobFailureRate() == 0 || jobs.nextDouble() >= faults.jobFailureRate()) {
      return Optional.empty();
    }
    return Optional.of(faults.jobErrorCode());
  }
}
