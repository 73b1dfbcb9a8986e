package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark 3.5 application (spark-host/, local mode, Spark's jars from Maven Central) with the driver jar before and
 * after Spark's own jars: Spark's JDBC source reads a collaboration table (its schema probe running nothing) and a
 * template's result (as a table function, and a CALL through the query option, which Spark wraps in subqueries;
 * its probe and reads run the job once), and Spark's own Parquet still runs on Spark's own Hadoop.
 */
@Timeout(600)
class SparkHostIT {

  /** The opens Spark 3.5 needs on Java 17; spark-submit passes the same. */
  private static final List<String> SPARK_OPENS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

  @ParameterizedTest(name = "driver jar {0} Spark's jars")
  @ValueSource(strings = {"before", "after"})
  void sparksJdbcSourceReadsATableAndATemplateResultAndSparksParquetStillWorks(String order, @TempDir Path dir)
      throws Exception {
    StandaloneLocal local = StandaloneLocal.shared();
    String spark = Files.readString(Path.of(System.getProperty("spark.classpath.file",
        "../spark-host/target/spark-classpath.txt"))).trim();
    String app = DriverJar.testClassPathJars("cleanrooms-jdbc-spark-host-");
    String driver = DriverJar.path().toString();
    String classPath = String.join(File.pathSeparator,
        order.equals("before") ? List.of(app, driver, spark) : List.of(app, spark, driver));
    List<String> command = new ArrayList<>(SPARK_OPENS);
    command.addAll(List.of("-Xmx1g", "-cp", classPath, "dev.cleanroomsjdbc.sparkhost.SparkJdbcRead",
        local.url(), local.secret(), dir.toString()));
    HostRun run = HostRun.java(dir, command).succeeded();

    assertEquals("0", run.value("table.probeQueries"), "Spark's WHERE 1=0 schema probe of a table ran nothing");
    assertEquals("customer_id,segment,signup_date,lifetime_value", run.value("table.columns"));
    assertEquals("2000", run.value("table.rows"));
    assertEquals("lapsed:500,loyal:500,new:500,vip:500", run.value("table.segments"));
    assertEquals("back_to_school:500,holiday:500,spring_sale:500,summer_launch:500", run.value("template.rows"));
    // the template's first result, by_campaign_segment: each of the demo's 4 campaigns reaches one segment
    assertEquals("campaign,segment,impressions,spend", run.value("call.columns"));
    assertEquals("lapsed:4000,loyal:4000,new:4000,vip:4000", run.value("call.impressions"));
    assertEquals("4", run.value("call.count"));
    assertTrue(Integer.parseInt(run.value("call.jobs")) <= 1,
        "the probe, the read and the count ran the template once at most (an earlier run may be reused)");
    assertEquals("2000", run.value("parquet.rows"));
    assertEquals("3.3.4", run.value("hadoop.version"), "Spark runs on its own Hadoop, whatever the order");
    assertTrue(run.value("spark.version").startsWith("3.5."), run::toString);
    assertFalse(run.stderr().contains("NoSuchMethodError") || run.stderr().contains("NoClassDefFoundError"),
        run::toString);
  }
}
