package dev.cleanroomsjdbc.execution;

import java.net.URI;
import java.sql.SQLException;

/**
 * Something Clean Rooms runs on the driver's behalf — a protected job or a protected query — seen through the
 * three calls that {@link RemoteRunner} needs: start it, look at it, cancel it.
 */
interface RemoteWork {

  /** "Protected job" or "Protected query", for messages and progress. */
  String kind();

  /** Starts the work; returns its first state (normally SUBMITTED). */
  State start() throws SQLException;

  /** The work's current state. */
  State get(String id) throws SQLException;

  /**
   * Asks Clean Rooms to cancel the work. Throws the SDK's ConflictException when it has ended already, and any
   * other SDK exception as it comes.
   */
  void cancel(String id);

  /** What one look at the work showed; {@code statistics} once it has ended (null before, or if none). */
  record State(String id, String status, boolean ended, boolean succeeded, URI resultLocation, String errorCode,
      String errorMessage, RunStatistics statistics) {}
}
