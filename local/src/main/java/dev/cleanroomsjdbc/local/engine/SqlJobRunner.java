package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.TableDataException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@code .sql} job: each statement of the script with Calcite over the referenced tables, one result each. */
final class SqlJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SqlJobRunner.class);

  private final LocalS3 s3;
  private final int rowsPerPart;

  SqlJobRunner(LocalS3 s3, int rowsPerPart) {
    this.s3 = s3;
    this.rowsPerPart = rowsPerPart;
  }

  /** Calcite settings closest to Spark SQL: backticks, case-insensitive names, Spark's function library. */
  static Properties connectionProperties() {
    return EngineSql.SPARK.connectionProperties();
  }

  List<String> run(JobSpec spec, String script, BooleanSupplier cancelled) throws JobFailure {
    List<SqlScript.Statement> statements = SqlScript.parse(script);
    if (statements.isEmpty()) {
      throw new JobFailure("MALFORMED_SCRIPT", "the SQL script " + spec.entryPoint() + " has no statement");
    }
    CalciteJobRuntime.checkResultNames(statements.stream().map(SqlScript.Statement::name).toList());
    List<String> names = new ArrayList<>();
    try (Connection connection = CalciteSession.open(s3, spec.referencedTables(), cancelled)) {
      for (SqlScript.Statement statement : statements) {
        execute(connection, statement, spec, cancelled);
        names.add(statement.name());
      }
    } catch (SQLException e) {
      // Only connection set-up and close land here; statement errors are mapped in execute().
      throw new JobFailure("INTERNAL_ERROR", "the SQL engine failed: " + e.getMessage(), e);
    }
    return names;
  }

  private void execute(Connection connection, SqlScript.Statement statement, JobSpec spec, BooleanSupplier cancelled)
      throws JobFailure {
    LOG.debug("job {}: result {} = {}", spec.jobId(), statement.name(), statement.sql());
    try (Statement jdbc = connection.createStatement(); ResultSet rs = jdbc.executeQuery(statement.sql())) {
      ResultSetRows rows = new ResultSetRows(rs);
      ParquetResultWriter.write(s3, spec.resultPrefix().resolve(statement.name()), rows.columns(), rows, rowsPerPart,
          cancelled);
    } catch (SQLException | RuntimeException e) {
      throw failure(statement, e, cancelled);
    }
  }

  /** Maps what Calcite threw to the job's outcome: cancelled, bad table data, or a malformed script. */
  private static RuntimeException failure(SqlScript.Statement statement, Exception e, BooleanSupplier cancelled)
      throws JobFailure {
    throw failure("MALFORMED_SCRIPT", "result '" + statement.name() + "': ", e, cancelled);
  }

  /**
   * Maps what Calcite threw while running SQL: a cancellation is rethrown, bad table data is INVALID_RESOURCE, and
   * anything else is {@code malformedCode} with Calcite's message after {@code context}.
   */
  static JobFailure failure(String malformedCode, String context, Exception e, BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean() || find(e, CancellationException.class) != null) {
      CancellationException cancel = new CancellationException("the analysis was cancelled");
      cancel.initCause(e);
      throw cancel;
    }
    TableDataException data = find(e, TableDataException.class);
    if (data != null) {
      return new JobFailure("INVALID_RESOURCE", data.getMessage(), e);
    }
    return StorageFailures.of(e).orElseGet(() -> new JobFailure(malformedCode, context + calciteMessage(e), e));
  }

  /** The most useful message in the chain: the parser's or validator's (with its position), else the root cause's. */
  static String calciteMessage(Throwable e) {
    Throwable parse = find(e, SqlParseException.class);
    if (parse != null) {
      // The parser appends every token it would have accepted: hundreds of lines that bury the position.
      String message = parse.getMessage();
      int expecting = message.indexOf("Was expecting");
      return (expecting < 0 ? message : message.substring(0, expecting)).trim();
    }
    Throwable validation = find(e, CalciteContextException.class);
    if (validation != null) {
      return validation.getMessage();
    }
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
