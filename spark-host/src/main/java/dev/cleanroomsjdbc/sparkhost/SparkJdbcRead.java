package dev.cleanroomsjdbc.sparkhost;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * What a Spark user does with the driver: reads a collaboration table and a template's result with Spark's JDBC
 * source, then uses Spark's own Parquet as before. Prints one {@code key=value} line per finding; exits non-zero
 * on the first failure, whose stack trace is the evidence.
 *
 * <p>Arguments: the JDBC URL, the secret access key, a scratch directory.
 */
public final class SparkJdbcRead {
  private SparkJdbcRead() {}

  public static void main(String[] args) {
    String url = args[0];
    String secret = args[1];
    Path scratch = Path.of(args[2]);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("cleanrooms-jdbc host")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    try {
      // loading a table sends Spark's schema probe (SELECT * FROM demo.customers WHERE 1=0): the columns come from
      // the collaboration's metadata, so no protected query runs for it
      long queries = count(url, secret, "protected_queries");
      Dataset<Row> customers = jdbc(spark, url, secret, "demo.customers");
      System.out.println("table.probeQueries=" + (count(url, secret, "protected_queries") - queries));
      System.out.println("table.columns=" + String.join(",", customers.columns()));
      System.out.println("table.rows=" + customers.count());
      System.out.println("table.segments=" + customers.groupBy("segment").count().orderBy("segment")
          .collectAsList().stream().map(r -> r.getString(0) + ":" + r.getLong(1)).collect(Collectors.joining(",")));

      Dataset<Row> reach = jdbc(spark, url, secret, "TABLE(demo.campaign_reach())");
      List<Row> rows = reach.orderBy("campaign").collectAsList();
      System.out.println("template.rows=" + rows.stream().map(r -> r.get(0) + ":" + r.get(1))
          .collect(Collectors.joining(",")));

      // a CALL through the query option: Spark wraps it in a subquery for its probe and for every read; the probe runs
      // the template's job, and the reads on their own connections read that job's result again
      long jobs = count(url, secret, "protected_jobs");
      Dataset<Row> report = spark.read().format("jdbc").option("url", url).option("query", "CALL demo.segment_report()")
          .option("password", secret).option("driver", "dev.cleanroomsjdbc.driver.CleanRoomsDriver").load();
      System.out.println("call.columns=" + String.join(",", report.columns()));
      System.out.println("call.impressions=" + report.groupBy("segment").sum("impressions").orderBy("segment")
          .collectAsList().stream().map(r -> r.get(0) + ":" + r.get(1)).collect(Collectors.joining(",")));
      System.out.println("call.count=" + report.count());
      System.out.println("call.jobs=" + (count(url, secret, "protected_jobs") - jobs));

      // Spark's own Parquet, on Spark's own Hadoop, still works with the driver on the class path
      String parquet = scratch.resolve("customers.parquet").toString();
      customers.write().mode(SaveMode.Overwrite).parquet(parquet);
      System.out.println("parquet.rows=" + spark.read().parquet(parquet).count());
      System.out.println("hadoop.version=" + org.apache.hadoop.util.VersionInfo.getVersion());
      System.out.println("spark.version=" + spark.version());
    } finally {
      spark.stop();
    }
  }

  /** The rows of a system table, read through the driver as any JDBC client would. */
  private static long count(String url, String secret, String systemTable) {
    Properties props = new Properties();
    props.setProperty("password", secret);
    try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cleanrooms." + systemTable)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Dataset<Row> jdbc(SparkSession spark, String url, String secret, String table) {
    return spark.read().format("jdbc").option("url", url).option("dbtable", table)
        .option("password", secret).option("driver", "dev.cleanroomsjdbc.driver.CleanRoomsDriver").load();
  }
}
