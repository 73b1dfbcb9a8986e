/**
 * The rules of the local Clean Rooms: each operation checks its caller and inputs through {@code verify*} methods,
 * reads and writes {@link dev.cleanroomsjdbc.local.state.CleanRoomsState}, and fails with one of the service's
 * errors from the single catalog {@link dev.cleanroomsjdbc.local.service.CleanRoomsError}.
 */
package dev.cleanroomsjdbc.local.service;
