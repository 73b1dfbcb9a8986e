/**
 * In-memory state of the local Clean Rooms: accounts, the local Glue catalog, collaborations, memberships,
 * configured tables and their associations, analysis templates, bucket grants of the local S3, protected jobs and
 * queries, stored as immutable records (jobs and queries excepted, whose status moves) in one thread-safe {@link dev.cleanroomsjdbc.local.state.CleanRoomsState},
 * which {@link dev.cleanroomsjdbc.local.state.StateStore} saves to a data directory after every change when asked.
 */
package dev.cleanroomsjdbc.local.state;
