/**
 * What Calcite pushes down to Clean Rooms: scans of collaboration tables and the filters, projections,
 * aggregations, sorts and joins over them become one Spark SQL protected query (the {@code CLEANROOMS}
 * convention), its parameters bound at each execution as literals of the collaboration's dialect; whatever Clean
 * Rooms cannot run, or that mixes in job results, stays in Calcite's plan.
 */
package dev.cleanroomsjdbc.plan;
