package dev.cleanroomsjdbc.execution;

import java.util.Locale;

/**
 * What a protected job or query cost, as the service reports it when the run has ended ({@code statistics}): how
 * long it ran and the compute it was billed for.
 *
 * @param totalDurationMillis {@code statistics.totalDurationInMillis}, or null when the service gave none
 * @param billedUnits {@code statistics.billedResourceUtilization.units}, in CRPU-hours, or null
 */
public record RunStatistics(Long totalDurationMillis, Double billedUnits) {

  /** The statistics of a run, or null when it reports none (it has not ended). */
  static RunStatistics of(Long totalDurationMillis, Double billedUnits) {
    return totalDurationMillis == null && billedUnits == null ? null
        : new RunStatistics(totalDurationMillis, billedUnits);
  }

  @Override
  public String toString() {
    String ran = totalDurationMillis == null ? "ran for an unreported time"
        : String.format(Locale.ROOT, "ran %.3f s", totalDurationMillis / 1000.0);
    String billed = billedUnits == null ? "billed units not reported"
        : String.format(Locale.ROOT, "billed %.6f CRPU-hours", billedUnits);
    return ran + ", " + billed;
  }
}
