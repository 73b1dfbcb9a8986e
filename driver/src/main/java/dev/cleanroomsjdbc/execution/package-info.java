/**
 * Running work on Clean Rooms: starting protected jobs, polling them with backoff, cancelling them when a
 * statement is cancelled, times out or closes, and mapping every service failure to one SQLState.
 */
package dev.cleanroomsjdbc.execution;
