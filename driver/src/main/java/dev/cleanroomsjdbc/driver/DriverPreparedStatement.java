package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import dev.cleanroomsjdbc.metadata.JdbcTypes;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The driver's part of a {@link PreparedStatement} or {@code CallableStatement}. Two kinds:
 * <ul>
 *   <li>planned by Calcite when prepared (running the template's job if it needed the result's columns; the first
 *       execution adopts that job instead of running it again); its parameters are bound at each execution, and a
 *       pushed-down query writes them into its SQL as literals (plan.PushedSql);</li>
 *   <li>binding analysis template arguments ({@link TemplateArguments}): planned at each execution, with its
 *       values in the statement, since a template's columns exist only once it has run with them.</li>
 * </ul>
 * Either way the parameters are the driver's ({@link StatementParameters}): an unset one fails the execution.
 */
final class DriverPreparedStatement extends DriverStatement {
  private final boolean isCall;
  private final TemplateArguments arguments;
  private final StatementParameters parameters;
  private Execution prepared;
  private final boolean direct;

  /** A statement Calcite planned; {@code prepared} is the execution that planned it. */
  DriverPreparedStatement(DriverConnection connection, PreparedStatement delegate, boolean isCall,
      Execution prepared, boolean direct) throws SQLException {
    super(connection, delegate);
    this.isCall = isCall;
    this.arguments = null;
    this.parameters = new StatementParameters(delegate.getParameterMetaData().getParameterCount());
    this.prepared = prepared;
    this.direct = direct;
  }

  /** A statement binding template arguments, run through the Calcite {@code delegate} at each execution. */
  DriverPreparedStatement(DriverConnection connection, Statement delegate, boolean isCall,
      TemplateArguments arguments) {
    super(connection, delegate);
    this.isCall = isCall;
    this.arguments = arguments;
    this.parameters = new StatementParameters(arguments.slots().size());
    this.direct = false; // decided at each execution, from the statement with its arguments
  }

  /** The layer of the statement's proxy that keeps its parameter values. */
  StatementParameters parameters() {
    return parameters;
  }

  public ResultSet executeQuery() throws SQLException {
    if (!execute()) {
      throw SqlState.SYNTAX_ERROR.exception("The statement returned no result set");
    }
    return getResultSet();
  }

  public boolean execute() throws SQLException {
    checkOpen();
    if (arguments != null) {
      SqlEdits bound = arguments.bind(parameters);
      Statement statement = delegate();
      return run(isCall, null, bound, CallSyntax.returnsRowsAsTheyAre(bound.rewritten()),
          () -> statement.execute(bound.rewritten()) ? statement.getResultSet() : null);
    }
    PreparedStatement calcite = (PreparedStatement) delegate();
    parameters.applyTo(calcite);
    Execution adopt = prepared;
    prepared = null;
    return run(isCall, adopt, null, direct, () -> calcite.execute() ? calcite.getResultSet() : null);
  }

  /**
   * The result's columns: known from the plan, or, for a statement binding template arguments, once it has run
   * (null before, as JDBC allows when the driver cannot tell without executing).
   */
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    if (arguments != null) {
      ResultSet current = getResultSet();
      return current == null ? null : current.getMetaData();
    }
    return DriverResultSet.metaData(((PreparedStatement) delegate()).getMetaData());
  }

  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    if (arguments != null) {
      return new ArgumentMetaData(arguments.slots());
    }
    ParameterMetaData calcite = ((PreparedStatement) delegate()).getParameterMetaData();
    return JdbcProxy.of(ParameterMetaData.class, new PlannedParameters(calcite), calcite);
  }

  /** Calcite's parameter types, named and sized as the driver's metadata names them. */
  static final class PlannedParameters {
    private final ParameterMetaData calcite;

    PlannedParameters(ParameterMetaData calcite) {
      this.calcite = calcite;
    }

    public String getParameterTypeName(int param) throws SQLException {
      return JdbcTypes.typeName(calcite.getParameterTypeName(param));
    }

    public int getPrecision(int param) throws SQLException {
      return JdbcTypes.precision(calcite.getParameterType(param), calcite.getPrecision(param));
    }
  }

  public void addBatch() throws SQLException {
    throw readOnly();
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
