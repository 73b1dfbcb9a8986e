package dev.cleanroomsjdbc.execution;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When to look at a running job again. The waits start at {@code initial} and grow by {@code multiplier}, but a
 * wait is never longer than a tenth of the time the job has run (nor than {@code max}), so the first row follows a
 * job's end within about max(initial, 10% of its duration); and the polls never outrun one per
 * {@link #averageInterval()} on average over the job (besides the first), so a long job costs few GetProtectedJob
 * calls. A throttled
 * poll doubles the wait (up to {@link #THROTTLED_MAX}).
 */
public record PollSchedule(Duration initial, Duration max, double multiplier) {

  /** The share of the elapsed time that a wait may take: the latency bound after a job ends. */
  static final double LATENCY_SHARE = 0.10;
  /** The longest the average poll interval gets; shorter when {@code initial} is short (the local Clean Rooms). */
  static final Duration AVERAGE_INTERVAL_CAP = Duration.ofSeconds(1);
  /** The longest wait after repeated throttling. */
  static final Duration THROTTLED_MAX = Duration.ofSeconds(30);

  public PollSchedule {
    if (initial.isNegative() || max.compareTo(initial) < 0 || !(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("poll schedule needs 0 <= initial <= max and a finite multiplier >= 1: "
          + initial + ", " + max + ", " + multiplier);
    }
  }

  /** At most one poll per this much time on average: min(1 s, 4 x initial). */
  public Duration averageInterval() {
    Duration four = initial.multipliedBy(4);
    return four.compareTo(AVERAGE_INTERVAL_CAP) < 0 ? four : AVERAGE_INTERVAL_CAP;
  }

  /** The waits of one job, measured on {@code nanoClock} from now (the job's start). */
  public Run start(LongSupplier nanoClock) {
    return new Run(nanoClock);
  }

  /** The waits of one job: ask {@link #next} after each poll. */
  public final class Run {
    private final LongSupplier clock;
    private final long startNanos;
    private long previousNanos = -1;
    private long throttledNanos;
    private int polls;

    private Run(LongSupplier clock) {
      this.clock = clock;
      this.startNanos = clock.getAsLong();
    }

    /** How long to wait before the next poll; {@code throttled}: the last poll was throttled. */
    public Duration next(boolean throttled) {
      long now = clock.getAsLong();
      long elapsed = Math.max(0, now - startNanos);
      if (throttled) {
        long base = Math.max(previousNanos, Math.max(initial.toNanos(), Duration.ofMillis(100).toNanos()));
        throttledNanos = Math.min(Math.max(base, throttledNanos) * 2, THROTTLED_MAX.toNanos());
        previousNanos = throttledNanos;
        return Duration.ofNanos(throttledNanos);
      }
      throttledNanos = 0;
      long grown = previousNanos < 0 ? initial.toNanos() : (long) Math.ceil(previousNanos * multiplier);
      long latencyBound = Math.max(initial.toNanos(), (long) (elapsed * LATENCY_SHARE));
      long wait = Math.min(Math.min(Math.max(grown, 1), latencyBound), max.toNanos());
      // the poll after this wait is number polls + 1: poll k comes no earlier than k - 1 intervals in
      long earliest = polls * averageInterval().toNanos();
      wait = Math.max(wait, earliest - elapsed);
      previousNanos = wait;
      polls++;
      return Duration.ofNanos(Math.max(wait, 0));
    }

    /** Polls this run has scheduled so far. */
    public int polls() {
      return polls;
    }
  }
}
