package dev.cleanroomsjdbc.local.spark.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A protected job for the engine.
 *
 * @param kind {@code sql} (statements), {@code jvm} (className) or {@code py} (script, pythonPath)
 * @param pythonPath directories, zip files and wheels put on the script's {@code sys.path} before it is imported
 * @param resultDir where each result's folder is written
 * @param rowsPerFile a result's part file holds at most this many rows
 */
public record SparkJobRequest(
    String jobId,
    String kind,
    List<SparkStatement> statements,
    String className,
    Path script,
    List<Path> pythonPath,
    List<SparkTable> tables,
    Map<String, String> parameters,
    Path resultDir,
    int rowsPerFile) {

  public SparkJobRequest {
    statements = statements == null ? List.of() : List.copyOf(statements);
    pythonPath = pythonPath == null ? List.of() : List.copyOf(pythonPath);
    tables = List.copyOf(tables);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
