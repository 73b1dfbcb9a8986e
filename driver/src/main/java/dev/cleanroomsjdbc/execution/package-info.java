/**
 * Running work on Clean Rooms: taking turns for the membership's job and query slots (MembershipSlots), starting
 * protected jobs and queries exactly once (Starts: no blind retry, a lost answer is looked for), polling them on a
 * schedule bounded by the job's age (PollSchedule) through throttling and outages, cancelling them until the
 * service confirms when a statement is cancelled, times out, is closed or its thread interrupted (Cancellation),
 * and when the JVM exits (ActiveWork's shutdown hook); reusing a recent identical run within the reuse window,
 * naming the driver and the application in the user agent, and mapping every service failure to one SQLState.
 */
package dev.cleanroomsjdbc.execution;
