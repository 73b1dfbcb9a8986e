/**
 * The JDBC entry point: the {@code jdbc:cleanrooms:} URL, the one declared list of connection properties,
 * and the driver's parts of Connection, Statement and ResultSet, laid over Calcite's JDBC objects. A
 * connection opens a membership's collaboration as a Calcite schema ({@code schema}); statements run in an
 * {@code execution.Execution} that cancel, query timeout and close end.
 */
package dev.cleanroomsjdbc.driver;
