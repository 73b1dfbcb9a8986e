package dev.cleanroomsjdbc.sparkhost;

import java.nio.file.Path;
import java.util.List;
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
      Dataset<Row> customers = jdbc(spark, url, secret, "demo.customers");
      System.out.println("table.columns=" + String.join(",", customers.columns()));
      System.out.println("table.rows=" + customers.count());
      System.out.println("table.segments=" + customers.groupBy("segment").count().orderBy("segment")
          .collectAsList().stream().map(r -> r.getString(0) + ":" + r.getLong(1)).collect(Collectors.joining(",")));

      Dataset<Row> reach = jdbc(spark, url, secret, "TABLE(demo.campaign_reach())");
      List<Row> rows = reach.orderBy("campaign").collectAsList();
      System.out.println("template.rows=" + rows.stream().map(r -> r.get(0) + ":" + r.get(1))
          .collect(Collectors.joining(",")));

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

  private static Dataset<Row> jdbc(SparkSession spark, String url, String secret, String table) {
    return spark.read().format("jdbc").option("url", url).option("dbtable", table)
        .option("password", secret).option("driver", "dev.cleanroomsjdbc.driver.CleanRoomsDriver").load();
  }
}
