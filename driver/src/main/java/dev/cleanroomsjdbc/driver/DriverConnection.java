package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import dev.cleanroomsjdbc.jdbc.CalciteErrors;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.metadata.CleanRoomsMetaData;
import dev.cleanroomsjdbc.metadata.RoutineMetadata;
import dev.cleanroomsjdbc.metadata.SchemaMetadata;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.CollaborationSession;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.jdbc.CalciteConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's part of a {@link Connection} (see {@link JdbcProxy}): statements that run templates, CALL
 * through {@code prepareCall}, metadata that knows the collaboration, and a {@code close} that also closes
 * the Clean Rooms and S3 clients the connection owns.
 */
final class DriverConnection {
  private static final Logger LOG = LoggerFactory.getLogger(DriverConnection.class);
  private final CalciteConnection calcite;
  private final CollaborationSchema collaboration;
  private final ConnectionSettings settings;
  private final Credentials credentials;
  private final SessionState session;
  /** Statements not closed yet: closing the connection closes them first, which cancels their running jobs. */
  private final Set<DriverStatement> open = ConcurrentHashMap.newKeySet();
  private Connection self;

  DriverConnection(CalciteConnection calcite, CollaborationSchema collaboration, ConnectionSettings settings,
      Credentials credentials, AtomicReference<String> applicationName) {
    this.calcite = calcite;
    this.collaboration = collaboration;
    this.settings = settings;
    this.credentials = credentials;
    this.session = new SessionState(applicationName);
  }

  Connection proxy() {
    return self;
  }

  Connection open() {
    self = JdbcProxy.of(Connection.class, List.of(this, session), calcite);
    return self;
  }

  CalciteConnection calcite() {
    return calcite;
  }

  CollaborationSession session() {
    return collaboration.session();
  }

  public Statement createStatement() throws SQLException {
    return statement(calcite.createStatement());
  }

  public Statement createStatement(int type, int concurrency) throws SQLException {
    return statement(calcite.createStatement(type, concurrency));
  }

  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    return statement(calcite.createStatement(type, concurrency, holdability));
  }

  private Statement statement(Statement delegate) {
    DriverStatement s = new DriverStatement(this, delegate);
    open.add(s);
    Statement proxy = JdbcProxy.of(CleanRoomsStatement.class, s, delegate);
    s.proxy(proxy);
    return proxy;
  }

  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepare(sql, PreparedStatement.class);
  }

  public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
    return prepare(sql, PreparedStatement.class);
  }

  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepare(sql, PreparedStatement.class);
  }

  public CallableStatement prepareCall(String sql) throws SQLException {
    return prepare(sql, CallableStatement.class);
  }

  public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
    return prepare(sql, CallableStatement.class);
  }

  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
    return prepare(sql, CallableStatement.class);
  }

  /**
   * Prepares with Calcite inside an execution, which the statement's first execute adopts; a statement whose
   * parameters are template arguments is planned at each execution instead ({@link TemplateArguments}).
   */
  private <T extends PreparedStatement> T prepare(String sql, Class<T> type) throws SQLException {
    CallSyntax call = CallSyntax.of(sql);
    TemplateArguments arguments = TemplateArguments.find(call.sql(), collaboration);
    DriverPreparedStatement s;
    Statement delegate;
    if (arguments.bindsTemplateArguments()) {
      delegate = calcite.createStatement();
      s = new DriverPreparedStatement(this, delegate, call.isCall(), arguments);
    } else {
      Execution preparing = new Execution(null);
      try (Execution.Scope scope = preparing.enter()) {
        delegate = calcite.prepareStatement(call.sql());
      } catch (SQLException | RuntimeException e) {
        throw CalciteErrors.translate(e);
      }
      s = new DriverPreparedStatement(this, (PreparedStatement) delegate, call.isCall(), preparing);
    }
    open.add(s);
    T proxy = JdbcProxy.of(type, List.of(s, s.parameters()), delegate, CleanRoomsStatement.class);
    s.proxy(proxy);
    return proxy;
  }

  /** Wraps a Calcite result set so that {@code getStatement()} returns the statement the user holds. */
  ResultSet wrap(ResultSet rs, Statement owner, SQLWarning warnings) {
    return DriverResultSet.wrap(owner, rs, warnings);
  }

  public DatabaseMetaData getMetaData() throws SQLException {
    DatabaseMetaData calciteMeta = calcite.getMetaData();
    return JdbcProxy.of(DatabaseMetaData.class, List.of(
        new CleanRoomsMetaData(self, settings.displayUrl(), collaboration.session(), SessionState.CLIENT_INFO),
        new SchemaMetadata(calcite.getRootSchema()),
        new RoutineMetadata(calcite.getRootSchema(), collaboration)), calciteMeta);
  }

  public String nativeSQL(String sql) throws SQLException {
    return CallSyntax.of(sql).sql();
  }

  public Map<String, Class<?>> getTypeMap() {
    return Map.of(); // Avatica throws here, and SchemaCrawler and DBeaver ask
  }

  /** A hint in JDBC: the connection stays read-only whatever is asked, as tools ask for read-write by default. */
  public void setReadOnly(boolean readOnly) {
    // nothing to change: a collaboration can only be read
  }

  public boolean isReadOnly() {
    return true;
  }

  void closed(DriverStatement statement) {
    open.remove(statement);
  }

  /** Closes the statements first (cancelling their jobs while the clients still work), then the clients. */
  public void close() throws SQLException {
    try (Credentials c = credentials; CollaborationSession s = collaboration.session()) {
      for (DriverStatement statement : List.copyOf(open)) {
        statement.close();
      }
      calcite.close();
    }
  }

  /** Closes the connection from the executor, as JDBC's abort asks (pools call it on connections they evict). */
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Connection.abort needs an executor");
    }
    executor.execute(() -> {
      try {
        close();
      } catch (SQLException e) {
        LOG.debug("Aborting the connection failed: {}", e.getMessage());
      }
    });
  }

  @Override
  public String toString() {
    return "CleanRoomsConnection[" + settings.displayUrl() + "]";
  }
}
