/**
 * The rules of the local Clean Rooms: inputs reach an operation already checked against the service model (by the
 * HTTP layer's one validator); each operation then checks its caller and what the model cannot express through
 * named {@code verify*} methods, reads and writes {@link dev.cleanroomsjdbc.local.state.CleanRoomsState}, and fails
 * with one of the service's errors from the single catalog {@link dev.cleanroomsjdbc.local.service.CleanRoomsError}.
 * {@link dev.cleanroomsjdbc.local.service.StorageAccess} holds the local S3's access rules.
 */
package dev.cleanroomsjdbc.local.service;
