package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The driver's part of a {@link PreparedStatement} or {@code CallableStatement}: Calcite prepared it already
 * (running the template's job if it needed the result's columns), so the first execution adopts that job
 * instead of running it again; later executions run a new job.
 */
final class DriverPreparedStatement extends DriverStatement {
  private final boolean isCall;
  private Execution prepared;

  DriverPreparedStatement(DriverConnection connection, PreparedStatement delegate, boolean isCall,
      Execution prepared) {
    super(connection, delegate);
    this.isCall = isCall;
    this.prepared = prepared;
  }

  private PreparedStatement prepared() {
    return (PreparedStatement) delegate();
  }

  public ResultSet executeQuery() throws SQLException {
    if (!execute()) {
      throw SqlState.SYNTAX_ERROR.exception("The statement returned no result set");
    }
    return getResultSet();
  }

  public boolean execute() throws SQLException {
    Execution adopt = prepared;
    prepared = null;
    return run(isCall, adopt, () -> prepared().execute() ? prepared().getResultSet() : null);
  }

  public int executeUpdate() throws SQLException {
    throw readOnly();
  }

  public long executeLargeUpdate() throws SQLException {
    throw readOnly();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw notOnPrepared();
  }

  private static SQLException notOnPrepared() {
    return SqlState.SYNTAX_ERROR.exception(
        "A prepared statement runs the SQL it was prepared with; use a Statement for other SQL");
  }
}
