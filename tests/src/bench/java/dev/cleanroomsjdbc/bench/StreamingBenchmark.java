package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Reading a job's result through the driver against reading the same Parquet files directly with
 * parquet-hadoop's example reader over S3A (the baseline), measured in the same run on the same files.
 * Prints time, rows per second and peak heap of each, and their ratios.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.cleanroomsjdbc.bench.StreamingBenchmark}
 * (system properties {@code bench.rows}, default 1,000,000, and {@code bench.runs}, default 3).
 */
public final class StreamingBenchmark {
  private static final int RUNS = Integer.getInteger("bench.runs", 3);

  public static void main(String[] args) throws Exception {
    try (LocalCleanRooms local = LocalCleanRooms.builder().rowsPerPart(250_000).seedDemo(true).start()) {
      String url = setUp(local);
      Properties secret = new Properties();
      secret.setProperty("secretAccessKey", DemoCollaboration.ADVERTISER_SECRET);
      String jobId;
      try (Connection c = DriverManager.getConnection(url, secret); Statement s = c.createStatement()) {
        long t = System.nanoTime();
        s.executeQuery("CALL demo.bench_rows()").close();
        System.out.printf("job of %,d rows ran in %.1f s%n", BenchRows.ROWS, (System.nanoTime() - t) / 1e9);
        jobId = s.unwrap(dev.cleanroomsjdbc.driver.CleanRoomsStatement.class).getJobIds().get(0);
      }
      List<S3Location> parts = local.s3().list(new S3Location(DemoCollaboration.RESULT_BUCKET,
          DemoCollaboration.RESULT_KEY_PREFIX + "/" + jobId + "/rows/")).stream()
          .filter(l -> l.key().endsWith(".parquet")).toList();
      Configuration conf = local.s3().hadoopConfiguration();
      long bytes = local.s3().listObjects(new S3Location(DemoCollaboration.RESULT_BUCKET,
          DemoCollaboration.RESULT_KEY_PREFIX + "/" + jobId + "/rows/")).stream().mapToLong(o -> o.size()).sum();
      System.out.printf("result: %d Parquet part files, %.1f MB in S3%n", parts.size(), bytes / 1048576.0);

      List<Measurement> baseline = new ArrayList<>();
      List<Measurement> driver = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        baseline.add(measure(() -> readDirectly(conf, parts)));
        driver.add(measure(() -> readThroughDriver(url, secret, jobId)));
      }
      Measurement b = median(baseline);
      Measurement d = median(driver);
      System.out.printf("%-40s %10s %14s %14s%n", "", "seconds", "rows/s", "peak heap MB");
      print("baseline: parquet-hadoop Group reader", b);
      print("driver: JDBC ResultSet.getObject", d);
      System.out.printf("ratio driver/baseline: time %.2fx, peak heap %.2fx (%d runs, median)%n",
          d.seconds() / b.seconds(), (double) d.peakHeapBytes() / b.peakHeapBytes(), RUNS);
    }
  }

  private static String setUp(LocalCleanRooms local) {
    var demo = local.demo().orElseThrow();
    String key = "bench/bench_rows.sql";
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key),
        RequestBody.fromString(BenchRows.script()));
    try (var advertiser = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET)) {
      advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .name("bench_rows").format("PYSPARK_1_0").schema(s -> s.referencedTables("customers"))
          .source(s -> s.artifacts(a -> a
              .entryPoint(e -> e.location(l -> l.bucket(DemoCollaboration.CODE_BUCKET).key(key)))
              .roleArn("arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/Bench"))));
    }
    return "jdbc:cleanrooms://us-east-1/" + demo.advertiserMembershipId() + "?cleanRoomsEndpoint="
        + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint() + "&credentials=STATIC&accessKeyId="
        + DemoCollaboration.ADVERTISER_ACCESS_KEY + "&pollInitialIntervalMs=20";
  }

  private static long readDirectly(Configuration conf, List<S3Location> parts) throws Exception {
    long rows = 0;
    for (S3Location part : parts) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
          new Path("s3a://" + part.bucket() + "/" + part.key())).withConf(conf).build()) {
        Group g;
        while ((g = reader.read()) != null) {
          for (int f = 0; f < g.getType().getFieldCount(); f++) {
            if (g.getFieldRepetitionCount(f) > 0) {
              g.getValueToString(f, 0);
            }
          }
          rows++;
        }
      }
    }
    return rows;
  }

  private static long readThroughDriver(String url, Properties secret, String jobId) throws Exception {
    long rows = 0;
    try (Connection c = DriverManager.getConnection(url, secret); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(cleanrooms.job_result('" + jobId + "', 'rows'))")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  /** A timed read and the most heap in use while it ran (sampled every 5 ms after a GC). */
  private record Measurement(long rows, double seconds, long peakHeapBytes) {}

  /** One way of reading all rows. */
  private interface Read {
    long rows() throws Exception;
  }

  private static Measurement measure(Read read) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long t = System.nanoTime();
    long rows = read.rows();
    double seconds = (System.nanoTime() - t) / 1e9;
    sampler.interrupt();
    sampler.join();
    if (rows != BenchRows.ROWS) {
      throw new IllegalStateException("read " + rows + " rows, expected " + BenchRows.ROWS);
    }
    return new Measurement(rows, seconds, peak.get());
  }

  private static Measurement median(List<Measurement> ms) {
    List<Measurement> sorted = new ArrayList<>(ms);
    Collections.sort(sorted, (a, b) -> Double.compare(a.seconds(), b.seconds()));
    return sorted.get(sorted.size() / 2);
  }

  private static void print(String what, Measurement m) {
    System.out.printf("%-40s %10.2f %,14.0f %14.1f%n", what, m.seconds(), m.rows() / m.seconds(),
        m.peakHeapBytes() / 1048576.0);
  }
}
