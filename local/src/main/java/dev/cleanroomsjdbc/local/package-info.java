/**
 * The local Clean Rooms: an in-process emulator of the AWS Clean Rooms API (HTTP in {@code http}, rules in
 * {@code service}, state in {@code state}) with a local S3 ({@code storage}) and a job runtime ({@code engine});
 * this package only starts and stops them ({@link dev.cleanroomsjdbc.local.LocalCleanRooms}) and seeds a demo.
 */
package dev.cleanroomsjdbc.local;
