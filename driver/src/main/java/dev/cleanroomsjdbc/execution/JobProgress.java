package dev.cleanroomsjdbc.execution;

import java.time.Duration;

/**
 * What a statement reports while it waits: the job (or query) id, its last status and how long it has run; before
 * the start, a null id and WAITING_FOR_SLOT or WAITING_FOR_QUOTA.
 */
public record JobProgress(String kind, String id, String status, Duration elapsed) {

  @Override
  public String toString() {
    return kind + (id == null ? "" : " " + id) + " " + status + " after " + elapsed.toMillis() / 1000.0 + " s";
  }
}
