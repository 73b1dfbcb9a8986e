package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkEngine;
import dev.cleanroomsjdbc.local.spark.bridge.SparkEngineSettings;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobRequest;
import dev.cleanroomsjdbc.local.spark.bridge.SparkQueryRequest;
import dev.cleanroomsjdbc.local.spark.bridge.SparkRows;
import dev.cleanroomsjdbc.local.spark.bridge.SparkStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link SparkEngine}: one Spark session; each job or query runs in a new session of it (its
 * own temporary views and settings) inside a job group that cancellation stops. Created by name from the local
 * Clean Rooms through Spark's class loader; every call runs with that loader as the thread's context loader.
 */
public final class SessionEngine implements SparkEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SessionEngine.class);

  private final SparkEngineSettings settings;
  private final UserCodeWatch watch = new UserCodeWatch();
  private final SparkSession spark;

  public SessionEngine(SparkEngineSettings settings) {
    this.settings = settings;
    long start = System.nanoTime();
    this.spark = inSparkLoader(() -> {
      SparkSession session = SparkSessions.start(settings, watch);
      // Hadoop starts a statistics cleaner thread the first time a file system is used: here, in the engine's own
      // thread group (see SparkEngines), rather than later in whichever host thread runs the first job.
      try {
        org.apache.hadoop.fs.FileSystem.getLocal(session.sparkContext().hadoopConfiguration());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return session;
    });
    LOG.info("{} started in {} ms", describe(), (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public List<String> runJob(SparkJobRequest job, BooleanSupplier cancelled) throws SparkJobFailure {
    return inSparkLoaderChecked(() -> {
      SparkSession session = spark.newSession();
      Map<String, Dataset<Row>> tables = TableFrames.open(session, job.tables(), job.resultDir());
      PythonJobs python = job.kind().equals("py") ? new PythonJobs(settings, session, job, tables) : null;
      try (JobGroup group = new JobGroup(spark.sparkContext(), "job-" + job.jobId(), "protected job "
          + job.jobId(), cancelled, python == null ? () -> { } : python::stop)) {
        watch.watch(group.id());
        try {
          Map<String, Dataset<Row>> results = switch (job.kind()) {
            case "sql" -> sqlResults(session, job);
            case "jvm" -> JvmJobs.run(session, job, tables, cancelled, group);
            case "py" -> python.run(group);
            default -> throw new SparkJobFailure("MALFORMED_SCRIPT", "unknown entry point kind " + job.kind());
          };
          ResultWriter.refuseRdd(watch, group);
          group.throwIfCancelled(null);
          return ResultWriter.writeAll(results, job.resultDir(), job.rowsPerFile(), group, watch);
        } catch (CancellationException e) {
          throw e;
        } catch (SparkJobFailure e) {
          group.throwIfCancelled(e);
          ResultWriter.refuseRdd(watch, group);
          throw e;
        } catch (Exception e) {
          // Scala code throws checked exceptions (AnalysisException, SparkException) undeclared.
          group.throwIfCancelled(e);
          ResultWriter.refuseRdd(watch, group);
          throw Failures.of("MALFORMED_SCRIPT", "", e);
        } finally {
          watch.release(group.id());
        }
      }
    });
  }

  private static Map<String, Dataset<Row>> sqlResults(SparkSession session, SparkJobRequest job)
      throws SparkJobFailure {
    if (job.statements().isEmpty()) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "the SQL script has no statement");
    }
    ResultWriter.checkNames(job.statements().stream().map(SparkStatement::name).toList());
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    for (SparkStatement statement : job.statements()) {
      try {
        results.put(statement.name(), query(session, statement.sql(), "MALFORMED_SCRIPT"));
      } catch (SparkJobFailure e) {
        throw new SparkJobFailure(e.code(), "result '" + statement.name() + "': " + e.getMessage());
      } catch (Exception e) {
        throw Failures.of("MALFORMED_SCRIPT", "result '" + statement.name() + "': ", e);
      }
    }
    return results;
  }

  /** A query's DataFrame; a statement that is not a query (DDL, SET, ...) is refused before it runs. */
  static Dataset<Row> query(SparkSession session, String sql, String code) throws SparkJobFailure {
    String text = sql.strip().replaceAll(";+$", "");
    LogicalPlan parsed;
    try {
      parsed = session.sessionState().sqlParser().parsePlan(text);
    } catch (Exception e) {
      throw Failures.of(code, "", e);
    }
    if (parsed instanceof Command) {
      throw new SparkJobFailure(code, "only queries are supported, not " + parsed.nodeName()
          + " statements");
    }
    return session.sql(text);
  }

  @Override
  public SparkRows runQuery(SparkQueryRequest query, BooleanSupplier cancelled) throws SparkJobFailure {
    return inSparkLoaderChecked(() -> {
      SparkSession session = spark.newSession();
      TableFrames.open(session, query.tables(), null);
      JobGroup group = new JobGroup(spark.sparkContext(), "query-" + query.queryId(), "protected query "
          + query.queryId(), cancelled, () -> { });
      try {
        return new QueryRows(query(session, query.sql(), "MALFORMED_QUERY"), group, getClass().getClassLoader());
      } catch (SparkJobFailure e) {
        group.close();
        throw e;
      } catch (Exception e) {
        group.close();
        group.throwIfCancelled(e);
        throw Failures.of("MALFORMED_QUERY", "", e);
      }
    });
  }

  @Override
  public String describe() {
    return "Spark " + spark.version() + " on " + spark.sparkContext().master();
  }

  @Override
  public void close() {
    inSparkLoader(() -> {
      spark.stop();
      return null;
    });
  }

  interface SparkWork<T> {
    T run() throws SparkJobFailure;
  }

  private <T> T inSparkLoaderChecked(SparkWork<T> work) throws SparkJobFailure {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      return work.run();
    } catch (CancellationException | SparkJobFailure e) {
      throw e;
    } catch (Exception | Error e) {
      LOG.debug("Spark work failed", e);
      throw Failures.of("INTERNAL_ERROR", "", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private <T> T inSparkLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
