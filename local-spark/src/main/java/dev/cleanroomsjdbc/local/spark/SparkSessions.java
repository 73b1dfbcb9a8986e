package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkEngineSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import scala.runtime.BoxedUnit;

/** Builds the one Spark session of an engine: PySpark 1.0's semantics (Spark 3.5 defaults), sized for tests. */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession start(SparkEngineSettings settings, UserCodeWatch watch) {
    Path work = settings.workDir().toAbsolutePath();
    SparkSession.Builder builder = SparkSession.builder()
        .appName("cleanrooms-local")
        .master(settings.master())
        // Spark 3.5's defaults, stated so that a Spark default changing under us cannot go unnoticed.
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.parquet.outputTimestampType", "INT96")
        .config("spark.sql.session.timeZone", "UTC")
        // Dates and timestamps cross into the local Clean Rooms as java.time values.
        .config("spark.sql.datetime.java8API.enabled", "true")
        // A laptop, a 2-core CI machine: no UI, two shuffle partitions, nothing bound beyond loopback.
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString())
        // Listing a table's files never becomes a Spark job of its own (it would look like user RDD work).
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "1000000")
        .withExtensions(extensions -> {
          extensions.injectCheckRule(session -> plan -> {
            Guard.check(session, plan);
            return BoxedUnit.UNIT;
          });
          return BoxedUnit.UNIT;
        });
    if (!settings.master().startsWith("local")) {
      builder.config("spark.jars", settings.extraJars().stream().map(p -> p.toAbsolutePath().toUri().toString())
          .collect(Collectors.joining(",")));
      builder.config("spark.executor.memory", "1g");
      builder.config("spark.cores.max", "2");
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().addSparkListener(watch);
    watch.attach(spark.sparkContext());
    return spark;
  }
}
