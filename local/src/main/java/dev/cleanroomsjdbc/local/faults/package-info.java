/**
 * The local Clean Rooms' fault mode: a {@link dev.cleanroomsjdbc.local.faults.Faults} setting (throttling, 5xx,
 * latency and failed jobs at given rates, drawn from a seeded random), the {@link
 * dev.cleanroomsjdbc.local.faults.FaultInjector} that draws them, and the decorator that fails jobs; the HTTP
 * decorator lives beside the routes it wraps. With {@code Faults.none()} nothing is drawn and nothing changes.
 */
package dev.cleanroomsjdbc.local.faults;
