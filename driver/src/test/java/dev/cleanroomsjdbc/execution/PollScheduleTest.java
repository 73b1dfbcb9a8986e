package dev.cleanroomsjdbc.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The poll schedule on a clock the test moves: how late a job's end is seen, and how many polls a job costs. */
class PollScheduleTest {
  private static final PollSchedule DEFAULTS =
      new PollSchedule(Duration.ofMillis(250), Duration.ofMillis(5000), 1.5);

  /** A job of {@code durationMillis} polled on the schedule: the polls made and how late its end was seen. */
  private record Outcome(int polls, long lateMillis) {}

  private static Outcome follow(PollSchedule schedule, long durationMillis) {
    long[] now = {0};
    PollSchedule.Run run = schedule.start(() -> now[0]);
    int polls = 0;
    while (true) {
      now[0] += run.next(false).toNanos();
      polls++;
      if (now[0] >= durationMillis * 1_000_000L) {
        return new Outcome(polls, now[0] / 1_000_000 - durationMillis);
      }
    }
  }

  @Test
  void aJobsEndIsSeenWithinTenPercentOfItsDurationOnceItRanTenSeconds() {
    for (long millis = 10_000; millis <= 3_600_000; millis = millis * 11 / 10) {
      Outcome o = follow(DEFAULTS, millis);
      assertTrue(o.lateMillis() <= Math.max(300, millis / 10), millis + " ms job seen " + o.lateMillis() + " ms late");
    }
  }

  @Test
  void aJobCostsAtMostOnePollPerSecondOnAverageBesidesTheFirst() {
    for (long millis = 1_000; millis <= 3_600_000; millis = millis * 11 / 10) {
      Outcome o = follow(DEFAULTS, millis);
      double seconds = (millis + o.lateMillis()) / 1000.0;
      assertTrue(o.polls() <= 1 + seconds + 1e-9, millis + " ms job: " + o.polls() + " polls");
    }
  }

  @Test
  void aShortJobIsSeenWithinASecondAndTheFirstPollComesAfterTheInitialWait() {
    long[] now = {0};
    assertEquals(Duration.ofMillis(250), DEFAULTS.start(() -> now[0]).next(false));
    for (long millis = 10; millis < 10_000; millis += 37) {
      Outcome o = follow(DEFAULTS, millis);
      assertTrue(o.lateMillis() <= 1_000, millis + " ms job seen " + o.lateMillis() + " ms late");
    }
  }

  @Test
  void anHourIntoAJobThePollsComeAtTheLongestWait() {
    long[] now = {0};
    PollSchedule.Run run = DEFAULTS.start(() -> now[0]);
    Duration wait = Duration.ZERO;
    while (now[0] < 3_600_000_000_000L) {
      wait = run.next(false);
      now[0] += wait.toNanos();
    }
    assertEquals(Duration.ofMillis(5000), wait);
  }

  @Test
  void throttlingDoublesTheWaitUpToThirtySeconds() {
    long[] now = {0};
    PollSchedule.Run run = DEFAULTS.start(() -> now[0]);
    Duration first = run.next(false);
    Duration a = run.next(true);
    Duration b = run.next(true);
    assertEquals(first.multipliedBy(2), a);
    assertEquals(a.multipliedBy(2), b);
    Duration last = b;
    for (int i = 0; i < 20; i++) {
      last = run.next(true);
    }
    assertEquals(PollSchedule.THROTTLED_MAX, last);
  }

  @Test
  void theLocalCleanRoomsShortWaitsKeepAShortAverageInterval() {
    PollSchedule local = new PollSchedule(Duration.ofMillis(20), Duration.ofMillis(500), 1.5);
    assertEquals(Duration.ofMillis(80), local.averageInterval());
    assertTrue(follow(local, 600).lateMillis() <= 100, "a 0.6 s local job is seen within 0.1 s");
  }

  @Test
  void aMultiplierThatIsNotANumberIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PollSchedule(Duration.ofMillis(1), Duration.ofMillis(2),
        Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new PollSchedule(Duration.ofMillis(1), Duration.ofMillis(2),
        0.5));
  }
}
