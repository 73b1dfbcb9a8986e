/**
 * What Calcite pushes down to Clean Rooms: scans of collaboration tables and the filters, projections,
 * aggregations, sorts and joins over them become one protected query in the dialect of the collaboration's
 * analytics engine (a {@code CLEANROOMS} convention per engine: Spark SQL or AWS Clean Rooms SQL), its parameters
 * bound at each execution as literals of that dialect, its shape checked against the tables' analysis rules
 * before it is submitted; whatever the dialect cannot write, or that mixes in job results, stays in Calcite's plan.
 */
package dev.cleanroomsjdbc.plan;
