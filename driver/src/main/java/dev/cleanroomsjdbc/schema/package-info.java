/**
 * The collaboration as Calcite sees it: Clean Rooms schemas are tables, analysis templates are table
 * functions (the procedures of JDBC metadata), a system schema holds the driver's own tables and functions, and
 * the root schema the functions tools write (TO_DATE, TO_TIMESTAMP). Loaded lazily with the service's batch calls,
 * and shared by the JVM's connections of one membership and identity for a time-to-live (MetadataCache).
 */
package dev.cleanroomsjdbc.schema;
