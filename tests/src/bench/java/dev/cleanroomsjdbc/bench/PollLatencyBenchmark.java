package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.driver.CleanRoomsStatement;
import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;

/**
 * How soon a CALL's first row follows its job's SUCCESS, and how many GetProtectedJob polls the wait costs, with
 * the driver's default poll properties (250 ms, 1.5x, 5 s) on jobs of a second to half a minute (Spark SQL
 * entry points summing {@code range(n)}). Baseline in the same run: the schedule the driver had before (250 ms
 * growing by 1.5x to 5 s, no bound by the job's age), polled through the SDK on the same jobs. Prints each job's
 * duration, the delay after SUCCESS against max(0.3 s, 10% of the duration), and polls per second.
 *
 * <p>Run as docs/benchmarks.md says, with {@code -Dbench.main=PollLatencyBenchmark} (system property
 * {@code bench.sizes}, default
 * {@code 2000000000,30000000000,100000000000}: range sizes, about 1, 10 and 30 s on an idle 2-core machine).
 */
public final class PollLatencyBenchmark {
  private static final String[] SIZES = System.getProperty("bench.sizes", "2000000000,30000000000,100000000000")
      .split(",");

  private PollLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalCleanRooms local = LocalCleanRooms.builder().seedDemo(true).start()) {
      var demo = local.demo().orElseThrow();
      String url = "jdbc:cleanrooms://us-east-1/" + demo.advertiserMembershipId() + "?cleanRoomsEndpoint="
          + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint() + "&credentials=STATIC&accessKeyId="
          + DemoCollaboration.ADVERTISER_ACCESS_KEY + "&reuseWindowSeconds=0&pollInitialIntervalMs=250"
          + "&pollMaxIntervalMs=5000&pollMultiplier=1.5";
      Properties secret = new Properties();
      secret.setProperty("secretAccessKey", DemoCollaboration.ADVERTISER_SECRET);
      System.out.printf("%-12s %-9s %10s %12s %12s %8s %10s%n", "range", "schedule", "job s", "after SUCCESS",
          "bound s", "polls", "polls/s");
      for (String size : SIZES) {
        String template = template(local, demo.advertiserMembershipId(), size.trim());
        try (Connection c = DriverManager.getConnection(url, secret); Statement s = c.createStatement()) {
          s.execute("CALL cleanrooms.refresh_metadata()"); // the JVM's connections share what the first one read
        }
        run(local, url, secret, template, size, true); // warm-up
        for (boolean driver : new boolean[] {false, true}) {
          run(local, url, secret, template, size, driver);
        }
      }
    }
  }

  private static String template(LocalCleanRooms local, String membership, String size) {
    String key = "bench/sum_" + size + ".sql";
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key),
        RequestBody.fromString("-- result: total\nSELECT sum(id) AS total FROM range(" + size + ")"));
    try (CleanRoomsClient advertiser = client(local)) {
      advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(membership)
          .name("sum_" + size).format("PYSPARK_1_0").schema(s -> s.referencedTables("customers"))
          .source(s -> s.artifacts(a -> a
              .entryPoint(e -> e.location(l -> l.bucket(DemoCollaboration.CODE_BUCKET).key(key)))
              .roleArn("arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/Bench"))));
    }
    return "sum_" + size;
  }

  private static void run(LocalCleanRooms local, String url, Properties secret, String template, String size,
      boolean driver) throws Exception {
    var demo = local.demo().orElseThrow();
    String jobId;
    long seen;
    int polls;
    if (driver) {
      AtomicInteger looks = new AtomicInteger();
      String[] id = new String[1];
      try (Connection c = DriverManager.getConnection(url, secret); Statement s = c.createStatement()) {
        s.unwrap(CleanRoomsStatement.class).setProgressListener(p -> {
          looks.incrementAndGet();
          id[0] = p.id();
        });
        try (ResultSet rs = s.executeQuery("CALL demo." + template + "()")) {
          rs.next();
          seen = System.currentTimeMillis();
        }
      }
      jobId = id[0];
      polls = looks.get() - 1; // the first report is the start's answer
    } else {
      try (CleanRoomsClient advertiser = client(local)) {
        String arn = advertiser.listAnalysisTemplatesPaginator(b -> b.membershipIdentifier(
            demo.advertiserMembershipId())).analysisTemplateSummaries().stream()
            .filter(t -> t.name().equals(template)).findFirst().orElseThrow().arn();
        jobId = advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .type("PYSPARK").jobParameters(p -> p.analysisTemplateArn(arn))).protectedJob().id();
        long wait = 250;
        polls = 0;
        while (true) {
          Thread.sleep(wait);
          wait = Math.min(5000, (long) Math.ceil(wait * 1.5));
          polls++;
          String status = advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
              .protectedJobIdentifier(jobId)).protectedJob().statusAsString();
          if (status.equals("SUCCESS") || status.equals("FAILED") || status.equals("CANCELLED")) {
            break;
          }
        }
        seen = System.currentTimeMillis();
      }
    }
    try (CleanRoomsClient advertiser = client(local)) {
      ProtectedJob job = advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .protectedJobIdentifier(jobId)).protectedJob();
      Instant created = job.createTime();
      long duration = job.statistics().totalDurationInMillis();
      long after = seen - created.toEpochMilli() - duration;
      System.out.printf("%-12s %-9s %10.1f %12.2f s %11.2f %8d %10.2f%n", size, driver ? "driver" : "baseline",
          duration / 1000.0, after / 1000.0, Math.max(0.3, duration / 10_000.0), polls,
          polls / ((seen - created.toEpochMilli()) / 1000.0));
    }
  }

  private static CleanRoomsClient client(LocalCleanRooms local) {
    return DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
  }
}
