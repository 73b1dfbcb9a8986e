package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runtime the local Clean Rooms had before Spark: a {@code .sql} entry point run with Calcite, each named
 * result written as Spark-style Parquet under the job's result prefix. Kept as the baseline of the job benchmark
 * (tests/src/bench) and for {@code LocalCleanRooms.Builder.jobRuntime}; the default runtime is Spark's.
 */
public final class CalciteJobRuntime implements JobRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(CalciteJobRuntime.class);
  /** A result name becomes one S3 folder name, so it stays a plain path segment. */
  private static final Pattern RESULT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.=-]{0,127}");

  private final LocalS3 s3;
  private final SqlJobRunner sql;

  /**
   * @param rowsPerPart the number of rows per Parquet part file of a result
   */
  public CalciteJobRuntime(LocalS3 s3, int rowsPerPart) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    this.s3 = s3;
    this.sql = new SqlJobRunner(s3, rowsPerPart);
  }

  @Override
  public List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure {
    JobSpec job = normalized(spec);
    String key = job.entryPoint().key();
    String text = s3.read(job.entryPoint())
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .orElseThrow(() -> new JobFailure("RESOURCE_NOT_FOUND",
            "the entry point " + job.entryPoint() + " does not exist"));
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("the job was cancelled before it started");
    }
    String extension = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    long start = System.nanoTime();
    List<String> results = switch (key.contains(".") ? extension : "") {
      case "sql" -> sql.run(job, text, cancelled);
      default -> throw new JobFailure("MALFORMED_SCRIPT", "entry point " + job.entryPoint()
          + " is not a .sql script; the Calcite runtime runs only those (Spark runs .py, .sql and .jvm)");
    };
    LOG.info("job {} wrote results {} under {} in {} ms", job.jobId(), results, job.resultPrefix(),
        (System.nanoTime() - start) / 1_000_000);
    return results;
  }

  private static JobSpec normalized(JobSpec spec) {
    Map<String, TableSource> tables = spec.referencedTables() == null ? Map.of() : spec.referencedTables();
    Map<String, String> parameters = spec.analysisParameters() == null ? Map.of() : spec.analysisParameters();
    return new JobSpec(spec.jobId(), spec.entryPoint(), tables, parameters, spec.resultPrefix());
  }

  /** Fails with MALFORMED_SCRIPT unless every name is a distinct, plain folder name. */
  static void checkResultNames(List<String> names) throws JobFailure {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || !RESULT_NAME.matcher(name).matches()) {
        throw new JobFailure("MALFORMED_SCRIPT", "result name '" + name + "' is not allowed; use letters, digits,"
            + " '_', '-', '.' or '=' (it becomes a folder name)");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new JobFailure("MALFORMED_SCRIPT", "two results are named '" + name + "'");
      }
    }
  }
}
