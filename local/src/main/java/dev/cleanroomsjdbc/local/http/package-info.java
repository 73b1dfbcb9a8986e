/**
 * The local Clean Rooms' HTTP face: a JDK {@code HttpServer} on loopback speaking the Clean Rooms restJson1
 * protocol, with thin routes (method + path template → handler), caller identity from the SigV4 credential scope,
 * opaque list paging, and JSON views of the state records that carry every member the service model requires.
 */
package dev.cleanroomsjdbc.local.http;
