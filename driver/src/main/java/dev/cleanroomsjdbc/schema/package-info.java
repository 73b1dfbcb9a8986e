/**
 * The collaboration as Calcite sees it: Clean Rooms schemas are tables, analysis templates are table
 * functions (the procedures of JDBC metadata), and a system schema holds the driver's own functions. Loaded
 * lazily with the service's batch calls.
 */
package dev.cleanroomsjdbc.schema;
