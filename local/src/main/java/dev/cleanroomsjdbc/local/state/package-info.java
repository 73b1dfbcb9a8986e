/**
 * In-memory state of the local Clean Rooms: accounts, the local Glue catalog, collaborations, memberships,
 * configured tables and their associations, analysis templates and protected jobs, stored as immutable records
 * (jobs excepted, whose status moves) in one thread-safe {@link dev.cleanroomsjdbc.local.state.CleanRoomsState},
 * which {@link dev.cleanroomsjdbc.local.state.StateStore} saves to a data directory after every change when asked.
 */
package dev.cleanroomsjdbc.local.state;
