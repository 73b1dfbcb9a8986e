package dev.cleanroomsjdbc.jdbc;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.TimeZone;

/**
 * Turns a UTC wall-clock time in milliseconds (as Clean Rooms stores DATE, TIME and TIMESTAMP values) into the
 * instant that shows the same wall clock in a time zone, as {@code java.sql.Date/Time/Timestamp} need: the value
 * minus the zone's offset at it, the JDBC convention Calcite's result sets follow. The offset is looked up once per
 * stretch between two of the zone's transitions (never for a fixed zone such as UTC), not once per value.
 */
final class ZoneShift {
  private final TimeZone zone;
  private final ZoneRules rules;
  private long from = 1;
  private long until = 0;
  private long offset;

  ZoneShift(TimeZone zone) {
    this.zone = zone;
    ZoneRules r = zone.toZoneId().getRules();
    if (r.isFixedOffset()) {
      this.rules = null;
      this.offset = zone.getRawOffset();
      this.from = Long.MIN_VALUE;
      this.until = Long.MAX_VALUE;
    } else {
      this.rules = r;
    }
  }

  TimeZone zone() {
    return zone;
  }

  /** {@code utcWallClock} minus the zone's offset at it. */
  long shift(long utcWallClock) {
    if (utcWallClock < from || utcWallClock >= until) {
      window(utcWallClock);
    }
    return utcWallClock - offset;
  }

  private void window(long t) {
    Instant at = Instant.ofEpochMilli(t);
    offset = rules.getOffset(at).getTotalSeconds() * 1_000L;
    ZoneOffsetTransition previous = rules.previousTransition(at.plusMillis(1));
    ZoneOffsetTransition next = rules.nextTransition(at);
    from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1_000L;
    until = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1_000L;
    if (zone.getOffset(t) != offset) {
      // the JDK's TimeZone and java.time disagree (a custom zone): look every value up as the JDBC classes do
      offset = zone.getOffset(t);
      from = t;
      until = t + 1;
    }
  }
}
