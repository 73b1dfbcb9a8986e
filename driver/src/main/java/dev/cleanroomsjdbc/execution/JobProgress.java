package dev.cleanroomsjdbc.execution;

import java.time.Duration;

/** What a statement reports while it waits: the job (or query) id, its last status and how long it has run. */
public record JobProgress(String kind, String id, String status, Duration elapsed) {

  @Override
  public String toString() {
    return kind + " " + id + " " + status + " after " + elapsed.toMillis() / 1000.0 + " s";
  }
}
