package dev.cleanroomsjdbc.execution;

import java.time.Duration;

/**
 * What a statement reports while it waits: the job (or query) id, its last status and how long it has run; before
 * the start, a null id and WAITING_FOR_SLOT or WAITING_FOR_QUOTA; once the run has ended, also what it cost as the
 * service reports it.
 *
 * @param statistics the run's duration and billed units, or null while it runs (or when the service gave none)
 */
public record JobProgress(String kind, String id, String status, Duration elapsed, RunStatistics statistics) {

  /** Progress of a run that has not ended. */
  public JobProgress(String kind, String id, String status, Duration elapsed) {
    this(kind, id, status, elapsed, null);
  }

  @Override
  public String toString() {
    return kind + (id == null ? "" : " " + id) + " " + status + " after " + elapsed.toMillis() / 1000.0 + " s"
        + (statistics == null ? "" : ": " + statistics);
  }
}
