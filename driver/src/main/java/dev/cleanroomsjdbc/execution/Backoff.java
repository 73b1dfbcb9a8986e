package dev.cleanroomsjdbc.execution;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for the driver's own retries around the SDK's (a start that hit a quota, a
 * poll or a cancel during an outage): they have no attempt limit; what ends them is the statement's cancel, query
 * timeout or close, or a cancel's grace period.
 */
final class Backoff {
  private final long firstNanos;
  private final long capNanos;
  private long ceilingNanos;

  Backoff(Duration first, Duration cap) {
    this.firstNanos = Math.max(1, first.toNanos());
    this.capNanos = Math.max(firstNanos, cap.toNanos());
    this.ceilingNanos = firstNanos;
  }

  /** The next wait: uniformly between half the ceiling and the ceiling, which doubles up to the cap. */
  Duration next() {
    long ceiling = ceilingNanos;
    ceilingNanos = Math.min(capNanos, ceilingNanos * 2);
    return Duration.ofNanos(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  void reset() {
    ceilingNanos = firstNanos;
  }
}
