/**
 * The JDBC entry point: the {@code jdbc:cleanrooms:} URL, the one declared list of connection properties,
 * credentials and region, and the driver's parts of Connection (its read-only session), Statement,
 * PreparedStatement (its parameters) and ResultSet, laid over Calcite's JDBC objects. What tools send is read
 * here first ({@code CALL} anywhere, {@code TOP n}, template arguments bound as literals) and handed to Calcite. A
 * connection opens a membership's collaboration as a Calcite schema ({@code schema}); statements run in an
 * {@code execution.Execution} that cancel, query timeout and close end.
 */
package dev.cleanroomsjdbc.driver;
