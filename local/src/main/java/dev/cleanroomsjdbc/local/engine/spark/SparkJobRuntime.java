package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.SqlScripts;
import dev.cleanroomsjdbc.local.engine.StorageFailures;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobRequest;
import dev.cleanroomsjdbc.local.spark.bridge.SparkStatement;
import dev.cleanroomsjdbc.local.spark.bridge.SparkTable;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Clean Rooms' job runtime: runs {@code .sql} (Spark SQL), {@code .jvm} (a {@code JvmEntryPoint}) and
 * {@code .py} (PySpark) entry points on the JVM's Spark engine over the referenced tables staged from S3, and
 * uploads what Spark wrote (part files, then {@code _SUCCESS}) under the job's result prefix.
 */
public final class SparkJobRuntime implements JobRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SparkJobRuntime.class);

  private final LocalS3 s3;
  private final int rowsPerPart;
  private final SparkOptions options;

  public SparkJobRuntime(LocalS3 s3, int rowsPerPart, SparkOptions options) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    this.s3 = s3;
    this.rowsPerPart = rowsPerPart;
    this.options = options;
  }

  @Override
  public List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure {
    String key = spec.entryPoint().key();
    byte[] code = s3.read(spec.entryPoint()).orElseThrow(() -> new JobFailure("RESOURCE_NOT_FOUND",
        "the entry point " + spec.entryPoint() + " does not exist"));
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("the job was cancelled before it started");
    }
    String kind = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    if (!List.of("sql", "jvm", "py").contains(kind)) {
      throw new JobFailure("MALFORMED_SCRIPT", "entry point " + spec.entryPoint() + " has an unsupported"
          + " extension; the local Clean Rooms runs .py (PySpark), .sql (Spark SQL) and .jvm (a JvmEntryPoint"
          + " class name) entry points");
    }
    if (kind.equals("py") && !PythonCheck.of(options.python()).usable()) {
      PythonCheck python = PythonCheck.of(options.python());
      throw new JobFailure("MALFORMED_SCRIPT", "PySpark entry point " + spec.entryPoint() + " needs a Python with"
          + " PySpark 3.5, and " + python.executable() + " cannot run it: " + python.problem() + ". Install it"
          + " (pip install pyspark==3.5.*, on Python 3.11 as PySpark 1.0) and start the local Clean Rooms with"
          + " --python /path/to/python or PYSPARK_PYTHON (docs/local-job-runtime.md)");
    }
    long start = System.nanoTime();
    Path jobDir = SparkEngines.workDir().resolve("jobs").resolve(spec.jobId() + "-" + System.nanoTime());
    try {
      SparkJobRequest request = request(spec, kind, new String(code, StandardCharsets.UTF_8), code, jobDir);
      List<String> names = SparkEngines.get(options).runJob(request, cancelled);
      ResultUpload.upload(s3, request.resultDir(), names, spec.resultPrefix(), cancelled);
      LOG.info("job {} wrote results {} under {} in {} ms", spec.jobId(), names, spec.resultPrefix(),
          (System.nanoTime() - start) / 1_000_000);
      return names;
    } catch (SparkJobFailure e) {
      throw new JobFailure(e.code(), e.getMessage());
    } catch (SparkEngines.Unavailable e) {
      throw new JobFailure("INTERNAL_ERROR", e.getMessage(), e);
    } catch (RuntimeException e) {
      throw StorageFailures.of(e).orElseThrow(() -> e);
    } finally {
      ResultUpload.delete(jobDir);
    }
  }

  private SparkJobRequest request(JobSpec spec, String kind, String text, byte[] code, Path jobDir)
      throws JobFailure {
    List<SparkTable> tables = new ArrayList<>();
    for (Map.Entry<String, TableSource> table : spec.referencedTables().entrySet()) {
      tables.add(TableStaging.stage(s3, table.getKey(), table.getValue()));
    }
    Map<String, String> parameters = spec.analysisParameters() == null ? Map.of() : spec.analysisParameters();
    Path results = jobDir.resolve("results");
    List<SparkStatement> statements = List.of();
    Path script = null;
    List<Path> pythonPath = List.of();
    try {
      Files.createDirectories(jobDir);
      if (kind.equals("sql")) {
        statements = SqlScripts.statements(text).stream()
            .map(s -> new SparkStatement(s.getKey(), s.getValue())).toList();
        if (statements.isEmpty()) {
          throw new JobFailure("MALFORMED_SCRIPT", "the SQL script " + spec.entryPoint() + " has no statement");
        }
      } else if (kind.equals("py")) {
        Path codeDir = Files.createDirectories(jobDir.resolve("code"));
        String name = spec.entryPoint().key().substring(spec.entryPoint().key().lastIndexOf('/') + 1);
        script = Files.write(codeDir.resolve(name), code);
        pythonPath = PythonArtifacts.stage(s3, spec.additionalArtifacts(), jobDir.resolve("artifacts"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SparkJobRequest(spec.jobId(), kind, statements, text.strip(), script, pythonPath, tables, parameters,
        results, rowsPerPart);
  }
}
