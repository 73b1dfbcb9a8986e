package dev.cleanroomsjdbc.execution;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Something Clean Rooms runs on the driver's behalf — a protected job or a protected query — seen through the
 * calls that {@link RemoteRunner} needs. Every call throws the SDK's exception as it comes, so that the runner can
 * tell a refusal from a lost answer ({@link Failures}).
 */
interface RemoteWork {

  /** "Protected job" or "Protected query", for messages and progress. */
  String kind();

  /** The membership the work runs in: the service's concurrency quotas count per membership. */
  String membershipId();

  /** True for a protected job (one may run per membership), false for a query (five may). */
  boolean isJob();

  /** Starts the work with one request, never retried by the SDK; returns its first state (normally SUBMITTED). */
  State start();

  /** The work's current state. */
  State get(String id);

  /** Asks Clean Rooms to cancel the work; the SDK's ConflictException when it has ended already. */
  State cancel(String id);

  /**
   * Runs of this membership created at or after {@code since} that are this work (same template and arguments, or
   * the same SQL text), oldest first: where a start whose answer was lost finds the run it may have started.
   */
  List<State> sameRunsSince(Instant since);

  /** What one look at the work showed; {@code statistics} once it has ended (null before, or if none). */
  record State(String id, String status, boolean ended, boolean succeeded, URI resultLocation, String errorCode,
      String errorMessage, Instant createTime, RunStatistics statistics) {}
}
