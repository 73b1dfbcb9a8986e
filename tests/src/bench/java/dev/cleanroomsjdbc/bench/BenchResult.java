package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.driver.CleanRoomsStatement;
import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.core.sync.RequestBody;

/** A job's result of {@link BenchRows} written once on a local Clean Rooms, and how to reach it. */
record BenchResult(String url, String jobId, List<S3Location> parts, long bytes) {

  /** Creates the {@code bench_rows} template (if needed) and runs it once for {@code rows} rows. */
  static BenchResult write(LocalCleanRooms local, long rows) throws Exception {
    var demo = local.demo().orElseThrow();
    String name = "bench_rows_" + rows;
    String key = "bench/" + name + ".sql";
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key),
        RequestBody.fromString(BenchRows.script(rows)));
    try (var advertiser = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET)) {
      advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .name(name).format("PYSPARK_1_0").schema(s -> s.referencedTables("customers"))
          .source(s -> s.artifacts(a -> a
              .entryPoint(e -> e.location(l -> l.bucket(DemoCollaboration.CODE_BUCKET).key(key)))
              .roleArn("arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/Bench"))));
    }
    String url = "jdbc:cleanrooms://us-east-1/" + demo.advertiserMembershipId() + "?cleanRoomsEndpoint="
        + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint() + "&credentials=STATIC&accessKeyId="
        + DemoCollaboration.ADVERTISER_ACCESS_KEY + "&pollInitialIntervalMs=20";
    Properties secret = new Properties();
    secret.setProperty("secretAccessKey", DemoCollaboration.ADVERTISER_SECRET);
    String jobId;
    long t = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, secret); Statement s = c.createStatement()) {
      // the template is new: metadata the JVM's earlier connections share would not list it yet
      s.executeQuery("CALL cleanrooms.refresh_metadata()").close();
      s.executeQuery("CALL demo." + name + "()").close();
      jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
    }
    System.out.printf("job writing %,d rows ran in %.1f s%n", rows, (System.nanoTime() - t) / 1e9);
    S3Location prefix = new S3Location(DemoCollaboration.RESULT_BUCKET,
        DemoCollaboration.RESULT_KEY_PREFIX + "/" + jobId + "/rows/");
    List<S3Location> parts = local.s3().list(prefix).stream().filter(l -> l.key().endsWith(".parquet")).sorted(
        java.util.Comparator.comparing(S3Location::key)).toList();
    long bytes = local.s3().listObjects(prefix).stream().mapToLong(o -> o.size()).sum();
    return new BenchResult(url, jobId, parts, bytes);
  }
}
