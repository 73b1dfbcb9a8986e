package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.jdbc.JdbcProxy;
import dev.cleanroomsjdbc.jdbc.CalciteErrors;
import dev.cleanroomsjdbc.jdbc.CleanRoomsResultSet;
import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.JobProgress;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.NamedResult;
import dev.cleanroomsjdbc.schema.DirectResults;
import dev.cleanroomsjdbc.schema.JobResultFunction;
import dev.cleanroomsjdbc.schema.SystemSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The driver's part of a {@link Statement} (see {@link JdbcProxy}): runs CALL and queries in an
 * {@link Execution} that cancel, the query timeout and close end, and hands out a CALL's further named
 * results through {@link #getMoreResults()}.
 */
class DriverStatement {
  private static final long CLOSE_GRACE_NANOS = 35_000_000_000L;
  final DriverConnection connection;
  private final Statement delegate;
  private Statement self;
  private volatile Execution running;
  /** The last execution, while its result set is open: its S3 reads end when the statement is cancelled. */
  private volatile Execution reading;
  private volatile boolean closed;
  private int queryTimeoutSeconds;
  private Consumer<JobProgress> progress;
  private List<CompletedJob> lastJobs = List.of();
  private final Deque<PendingResult> pending = new ArrayDeque<>();
  private ResultSet current;
  private Statement internal;
  private SQLWarning warnings;

  DriverStatement(DriverConnection connection, Statement delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  /** Sets the proxy users hold, so that result sets can point back to it. */
  void proxy(Statement self) {
    this.self = self;
  }

  Statement delegate() {
    return delegate;
  }

  public ResultSet executeQuery(String sql) throws SQLException {
    if (!execute(sql)) {
      throw SqlState.SYNTAX_ERROR.exception("The statement returned no result set: " + sql);
    }
    return current;
  }

  public boolean execute(String sql) throws SQLException {
    CallSyntax call = CallSyntax.of(sql);
    if (!SqlTokens.parameters(call.sql()).isEmpty()) {
      // Calcite would run the statement with every marker NULL: no statement reaches Clean Rooms unbound
      throw SqlState.SYNTAX_ERROR.exception("The statement has parameter markers (?): run it with a"
          + " PreparedStatement and bind a value to each");
    }
    return run(call.isCall(), null, call.edits(), CallSyntax.returnsRowsAsTheyAre(call.sql()),
        () -> delegate.execute(call.sql()) ? delegate.getResultSet() : null);
  }

  public int executeUpdate(String sql) throws SQLException {
    throw readOnly();
  }

  public long executeLargeUpdate(String sql) throws SQLException {
    throw readOnly();
  }

  static SQLException readOnly() {
    return SqlState.FEATURE_NOT_SUPPORTED.exception(
        "A Clean Rooms collaboration is read-only: run queries and analysis templates (CALL) only");
  }

  /** What produces the first result set of an execution. */
  interface FirstResult {
    ResultSet run() throws SQLException;
  }

  /**
   * Runs one execution: makes it current for Calcite's callbacks, arms the timeout, translates failures, telling
   * their positions in the text the user wrote ({@code positions}: how the statement was rewritten, or null).
   * With {@code direct} (the statement returns a table function's rows as they are) the driver streams the result
   * itself ({@link CleanRoomsResultSet}) instead of reading Calcite's rows.
   */
  boolean run(boolean isCall, Execution adopted, SqlEdits positions, boolean direct, FirstResult work)
      throws SQLException {
    checkOpen();
    // running first: a cancel from another thread from here on reaches this execution
    Execution execution = new Execution(progress);
    running = execution;
    reading = null;
    closeCurrent();
    pending.clear();
    if (adopted != null) {
      execution.adopt(adopted);
    }
    warnings = null;
    ScheduledFuture<?> timeout = Timeouts.arm(execution, queryTimeoutSeconds);
    try (Execution.Scope scope = execution.enter();
        DirectResults.Capture capture = direct ? DirectResults.capture() : null) {
      ResultSet first = work.run();
      warnings = execution.warnings();
      current = first == null ? null : result(first, capture, warnings);
      lastJobs = execution.completedJobs();
      if (isCall) {
        queueFurtherResults();
      }
      return current != null;
    } catch (SQLException | RuntimeException e) {
      warnings = execution.warnings(); // what the failed runs cost stays readable through getWarnings()
      SQLException failure = positions == null ? CalciteErrors.translate(e)
          : CalciteErrors.inUsersText(CalciteErrors.translate(e), positions::inOriginal);
      try {
        closeCurrent();
      } catch (SQLException suppressed) {
        failure.addSuppressed(suppressed);
      }
      throw failure;
    } finally {
      if (timeout != null) {
        timeout.cancel(false);
      }
      synchronized (this) {
        running = null;
        // the result set still reads this execution's results: cancel() now aborts those reads
        reading = current != null ? execution : null;
        notifyAll();
      }
    }
  }

  /** The result set the user gets for Calcite's {@code first}: streamed by the driver where it was captured. */
  private ResultSet result(ResultSet first, DirectResults.Capture capture, SQLWarning warnings) throws SQLException {
    if (capture == null || !capture.captured()) {
      return connection.wrap(first, self, warnings);
    }
    SQLWarning own = first.getWarnings();
    try {
      return new CleanRoomsResultSet(self, capture.open(), capture.rowType(),
          DriverResultSet.metaData(first.getMetaData()), first, own != null ? own : warnings,
          delegate.getLargeMaxRows());
    } catch (SQLException | RuntimeException e) {
      first.close();
      throw e;
    }
  }

  private void queueFurtherResults() throws SQLException {
    if (lastJobs.isEmpty()) {
      return;
    }
    CompletedJob job = lastJobs.get(lastJobs.size() - 1);
    List<NamedResult> results = connection.session().resultsOf(job);
    for (NamedResult r : results.subList(1, results.size())) {
      pending.add(new PendingResult(job.jobId(), r.name()));
    }
  }

  public ResultSet getResultSet() {
    return current;
  }

  /** What the last execution has to say (a template's result read again within the reuse window, say). */
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    SQLWarning own = warnings;
    SQLWarning calcite = delegate.getWarnings();
    if (own == null) {
      return calcite;
    }
    if (calcite != null && own.getNextWarning() == null) {
      own.setNextWarning(calcite);
    }
    return own;
  }

  public void clearWarnings() throws SQLException {
    warnings = null;
    delegate.clearWarnings();
  }

  public int getUpdateCount() {
    return -1;
  }

  public long getLargeUpdateCount() {
    return -1;
  }

  public boolean getMoreResults() throws SQLException {
    return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
  }

  /** The next named result of the last CALL, read again from S3 with {@code cleanrooms.job_result}. */
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    if (current != Statement.KEEP_CURRENT_RESULT) {
      closeCurrent();
    }
    this.current = null;
    PendingResult next = pending.poll();
    if (next == null) {
      return false;
    }
    if (internal == null) {
      internal = connection.calcite().createStatement();
    }
    String sql = "SELECT * FROM TABLE(\"" + SystemSchema.NAME + "\".\"" + JobResultFunction.NAME + "\"('"
        + next.jobId().replace("'", "''") + "', '" + next.name().replace("'", "''") + "'))";
    try (Execution.Scope scope = new Execution(progress).enter();
        DirectResults.Capture capture = DirectResults.capture()) {
      this.current = result(internal.executeQuery(sql), capture, null);
    } catch (SQLException | RuntimeException e) {
      throw CalciteErrors.translate(e);
    }
    return true;
  }

  public void cancel() throws SQLException {
    Execution e = running;
    if (e == null) {
      e = reading;
    }
    if (e != null) {
      e.cancel(Execution.Stop.CANCELLED);
    }
    delegate.cancel();
  }

  /** Ends what the statement runs without waiting (a closing connection stops all its statements at once). */
  void stopRunning() {
    Execution e = running;
    if (e != null) {
      e.cancel(Execution.Stop.CLOSED);
    }
  }

  public void setQueryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The query timeout must be >= 0 seconds, not " + seconds);
    }
    queryTimeoutSeconds = seconds;
  }

  public int getQueryTimeout() {
    return queryTimeoutSeconds;
  }

  public Connection getConnection() {
    return connection.proxy();
  }

  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    Execution e = running;
    if (e != null) {
      e.cancel(Execution.Stop.CLOSED);
      awaitEnd();
    }
    Execution r = reading;
    if (r != null) {
      r.cancel(Execution.Stop.CLOSED);
    }
    try (Statement d = delegate; Statement i = internal) {
      closeCurrent();
    } finally {
      connection.closed(this);
    }
  }

  /** Gives a cancelled execution a bounded time to cancel its job while the clients are still open. */
  private synchronized void awaitEnd() {
    long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
    long left;
    while (running != null && (left = deadline - System.nanoTime()) > 0) {
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }

  public void setProgressListener(Consumer<JobProgress> listener) {
    this.progress = listener;
  }

  public List<String> getJobIds() {
    return lastJobs.stream().map(CompletedJob::jobId).toList();
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw SqlState.CONNECTION_CLOSED.exception("The statement is closed");
    }
  }

  private void closeCurrent() throws SQLException {
    if (current != null) {
      ResultSet rs = current;
      current = null;
      rs.close();
    }
  }

  /** A named result of the last CALL not handed out yet. */
  private record PendingResult(String jobId, String name) {}
}
