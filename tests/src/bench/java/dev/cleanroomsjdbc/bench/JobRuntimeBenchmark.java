package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.engine.CalciteJobRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;

/**
 * The demo job's latency, StartProtectedJob to SUCCESS as a client polling GetProtectedJob sees it, on the local
 * Clean Rooms' Spark engine against the Calcite runtime it replaced (the baseline), measured in the same run on
 * the same data. Prints the first Spark job (session start included) apart, then the median of the runs each way.
 *
 * <p>Run: {@code mvn -q -pl tests test-compile exec:java -Dexec.skip=false -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.cleanroomsjdbc.bench.JobRuntimeBenchmark} (system property {@code bench.runs}, default 10).
 */
public final class JobRuntimeBenchmark {
  private static final int RUNS = Integer.getInteger("bench.runs", 10);
  private static final String TEMPLATE = "campaign_reach";

  private JobRuntimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalCleanRooms spark = LocalCleanRooms.builder().seedDemo(true).start();
        LocalCleanRooms calcite = LocalCleanRooms.builder().seedDemo(true)
            .jobRuntime(l -> new CalciteJobRuntime(l.s3(), l.rowsPerPart())).start()) {
      System.out.printf("first Spark job (Spark session started by it): %,d ms%n", latencyMillis(spark));
      latencyMillis(calcite);
      List<Long> onSpark = new ArrayList<>();
      List<Long> onCalcite = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        onSpark.add(latencyMillis(spark));
        onCalcite.add(latencyMillis(calcite));
      }
      long s = median(onSpark);
      long c = median(onCalcite);
      System.out.printf("%-44s %10s %10s%n", "demo job " + TEMPLATE + ", StartProtectedJob -> SUCCESS", "median ms",
          "min ms");
      System.out.printf("%-44s %10d %10d%n", "baseline: Calcite job runtime", c, Collections.min(onCalcite));
      System.out.printf("%-44s %10d %10d%n", "Spark 3.5 job runtime (local[2])", s, Collections.min(onSpark));
      System.out.printf("ratio Spark/Calcite: %.1fx (%d runs each, median, after one warm-up job each)%n",
          (double) s / c, RUNS);
    }
  }

  private static long latencyMillis(LocalCleanRooms local) throws InterruptedException {
    var demo = local.demo().orElseThrow();
    try (CleanRoomsClient advertiser = DemoCollaboration.client(local.endpoint(),
        DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET)) {
      long start = System.nanoTime();
      String id = advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .type(ProtectedJobType.PYSPARK)
          .jobParameters(p -> p.analysisTemplateArn(demo.templateArns().get(TEMPLATE)))).protectedJob().id();
      while (true) {
        ProtectedJob job = advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .protectedJobIdentifier(id)).protectedJob();
        switch (job.statusAsString()) {
          case "SUCCESS" -> {
            return (System.nanoTime() - start) / 1_000_000;
          }
          case "FAILED", "CANCELLED" -> throw new IllegalStateException("the demo job ended " + job.statusAsString()
              + ": " + job.error());
          default -> Thread.sleep(5);
        }
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
