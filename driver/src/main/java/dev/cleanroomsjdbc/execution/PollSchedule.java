package dev.cleanroomsjdbc.execution;

import java.time.Duration;

/** How long to wait between two polls of a running job: starts at {@code initial}, grows by {@code multiplier} up to {@code max}. */
public record PollSchedule(Duration initial, Duration max, double multiplier) {

  public PollSchedule {
    if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1.0) {
      throw new IllegalArgumentException("poll schedule needs 0 <= initial <= max and multiplier >= 1: " + this);
    }
  }

  /** The wait after {@code previous}; {@code null} gives the first wait. */
  public Duration next(Duration previous) {
    if (previous == null) {
      return initial;
    }
    long grown = (long) Math.ceil(previous.toMillis() * multiplier);
    return Duration.ofMillis(Math.min(Math.max(grown, 1), max.toMillis()));
  }
}
