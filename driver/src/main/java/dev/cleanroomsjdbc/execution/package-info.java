/**
 * Running work on Clean Rooms: starting protected jobs, polling them with backoff, cancelling them when a
 * statement is cancelled, times out or closes, reusing a recent identical run within the reuse window, naming the
 * driver and the application in the user agent, and mapping every service failure to one SQLState.
 */
package dev.cleanroomsjdbc.execution;
