package dev.cleanroomsjdbc.local.spark.bridge;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the Spark engine starts.
 *
 * @param master {@code local[N]} or {@code spark://host:port}
 * @param python the Python that runs {@code .py} entry points (it must import PySpark 3.5), or null when none
 * @param workDir the engine's scratch space (warehouse, Python bootstrap)
 * @param extraJars jars a cluster's executors need besides Spark's own (this engine's code, test entry points)
 * @param conf further Spark properties, applied last
 */
public record SparkEngineSettings(String master, String python, Path workDir, java.util.List<Path> extraJars,
    Map<String, String> conf) {}
