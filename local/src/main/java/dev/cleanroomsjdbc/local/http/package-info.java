/**
 * The local Clean Rooms' HTTP face: a JDK {@code HttpServer} on loopback speaking the Clean Rooms restJson1
 * protocol, with thin routes (method + path template → handler) named by the shipped
 * {@link dev.cleanroomsjdbc.local.http.ServiceModel}, caller identity from verified SigV4 signatures, one
 * model-driven input validator in front of every operation, opaque list paging, and JSON views of the state records
 * that carry every member the service model requires. A route the model does not know (another protocol's) is
 * served without the validator.
 */
package dev.cleanroomsjdbc.local.http;
