/**
 * How the driver's log records reach the host's logging. In the self-contained jar every bundled library logs
 * through a relocated SLF4J, whose only provider is {@link dev.cleanroomsjdbc.logging.HostLoggingProvider}:
 * the host's own SLF4J where it has a provider, java.util.logging otherwise. As a plain Maven dependency the
 * driver logs through the application's SLF4J and none of this is used.
 */
package dev.cleanroomsjdbc.logging;
