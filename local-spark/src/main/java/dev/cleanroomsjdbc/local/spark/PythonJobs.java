package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkEngineSettings;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.api.python.Py4JServer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code .py} job: the user's script, unchanged, in a Python process with PySpark 3.5 connected over Py4J
 * to this engine's JVM (as spark-submit connects a Python driver), so that its {@code context} holds DataFrames of
 * this job's own session; the bootstrap ({@code bootstrap.py}) hands the result DataFrames back by name.
 */
final class PythonJobs {
  private static final Logger LOG = LoggerFactory.getLogger(PythonJobs.class);
  private static final Map<String, PythonContext> CONTEXTS = new ConcurrentHashMap<>();

  private final SparkEngineSettings settings;
  private final SparkSession session;
  private final SparkJobRequest job;
  private final Map<String, Dataset<Row>> tables;
  private volatile Process process;

  PythonJobs(SparkEngineSettings settings, SparkSession session, SparkJobRequest job,
      Map<String, Dataset<Row>> tables) {
    this.settings = settings;
    this.session = session;
    this.job = job;
    this.tables = tables;
  }

  /** The context of the job whose bootstrap presents {@code token}; called from Python through Py4J. */
  public static PythonContext context(String token) {
    return CONTEXTS.get(token);
  }

  Map<String, Dataset<Row>> run(JobGroup group) throws SparkJobFailure {
    if (settings.python() == null) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "no Python with PySpark 3.5 was found to run "
          + job.script().getFileName() + ": pip install pyspark==3.5.* (Python 3.11, as PySpark 1.0) and start"
          + " the local Clean Rooms with --python PATH or PYSPARK_PYTHON");
    }
    String token = UUID.randomUUID().toString();
    PythonContext context = new PythonContext(session, tables, job.parameters(), group.id());
    CONTEXTS.put(token, context);
    Py4JServer server = new Py4JServer(session.sparkContext().conf());
    server.start();
    Path log = job.script().resolveSibling("python-" + job.jobId() + ".log");
    try {
      Path bootstrap = bootstrap();
      ProcessBuilder pb = new ProcessBuilder(settings.python(), bootstrap.toString(), job.script().toString(), token)
          .directory(job.script().getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("PYSPARK_GATEWAY_PORT", String.valueOf(server.getListeningPort()));
      env.put("PYSPARK_GATEWAY_SECRET", server.secret());
      env.put("PYSPARK_PIN_THREAD", "true");
      env.put("PYSPARK_PYTHON", settings.python());
      env.put("PYTHONUNBUFFERED", "1");
      String path = job.pythonPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      env.put("CLEANROOMS_PYTHON_PATH", path);
      env.put("PYTHONPATH", path + (env.containsKey("PYTHONPATH") ? File.pathSeparator + env.get("PYTHONPATH") : ""));
      env.remove("SPARK_HOME");
      process = pb.start();
      int exit = process.waitFor();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      LOG.debug("Python job {} exited {}:\n{}", job.jobId(), exit, output);
      group.throwIfCancelled(null);
      if (context.failure() != null) {
        throw new SparkJobFailure("MALFORMED_SCRIPT", context.failure());
      }
      if (exit != 0) {
        throw new SparkJobFailure("MALFORMED_SCRIPT", "the Python entry point " + job.script().getFileName()
            + " exited with code " + exit + ": " + lastLine(output));
      }
      return new LinkedHashMap<>(context.results());
    } catch (IOException e) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "cannot run Python " + settings.python() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new java.util.concurrent.CancellationException("interrupted");
    } finally {
      CONTEXTS.remove(token);
      server.shutdown();
    }
  }

  void stop() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private Path bootstrap() throws IOException {
    Path target = settings.workDir().resolve("python").resolve("cleanrooms_bootstrap.py");
    if (!Files.exists(target)) {
      Files.createDirectories(target.getParent());
      try (InputStream in = PythonJobs.class.getResourceAsStream("bootstrap.py")) {
        Path temp = Files.createTempFile(target.getParent(), "bootstrap", ".py");
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return target;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
  }
}
