package dev.cleanroomsjdbc.local.engine.spark;

/**
 * Where the local Clean Rooms runs Spark work.
 *
 * @param master {@code local[2]} (the default), or {@code spark://host:port} for a standalone cluster
 * @param python the Python for {@code .py} entry points, or null for {@code PYSPARK_PYTHON}, then {@code python3}
 */
public record SparkOptions(String master, String python) {
  /** The default master, unless system property {@code cleanrooms.spark.master} or CLEANROOMS_SPARK_MASTER says. */
  public static String defaultMaster() {
    String configured = System.getProperty("cleanrooms.spark.master", System.getenv("CLEANROOMS_SPARK_MASTER"));
    return configured == null || configured.isBlank() ? "local[2]" : configured;
  }

  public SparkOptions {
    master = master == null || master.isBlank() ? defaultMaster() : master;
  }
}
