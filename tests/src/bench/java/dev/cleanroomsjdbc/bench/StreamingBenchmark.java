package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Reading a job's result through the driver against two baselines measured in the same run on the same files:
 * parquet-java's {@code Group} reader over Hadoop S3A, single-threaded, with typed getters, and DuckDB's JDBC
 * driver over local copies of the files. Each reader runs in a JVM of its own; after warm-up reads, the rounds
 * are taken pair by pair (every reader once per round) and the medians compared.
 *
 * <p>Run: see docs/benchmarks.md. System properties: {@code bench.rows} (2,000,000), {@code bench.parts} (8),
 * {@code bench.runs} (5 rounds), {@code bench.warmups} (2), {@code bench.xmx} (the readers' heap, 1g).
 */
public final class StreamingBenchmark {
  private static final int RUNS = Integer.getInteger("bench.runs", 5);
  private static final int WARMUPS = Integer.getInteger("bench.warmups", 2);

  public static void main(String[] args) throws Exception {
    int perPart = (int) Math.max(1, BenchRows.ROWS / BenchRows.PARTS);
    try (LocalCleanRooms local = LocalCleanRooms.builder().rowsPerPart(perPart).seedDemo(true).start()) {
      BenchResult result = BenchResult.write(local, BenchRows.ROWS);
      Path copies = Files.createTempDirectory("bench-parts");
      for (S3Location part : result.parts()) {
        Files.write(copies.resolve(Path.of(part.key()).getFileName()), local.s3().client()
            .getObjectAsBytes(b -> b.bucket(part.bucket()).key(part.key())).asByteArray());
      }
      List<String> jvm = List.of("-Xmx" + System.getProperty("bench.xmx", "1g"));
      List<ReaderProcess> readers = new ArrayList<>();
      List<String> s3a = new ArrayList<>(List.of(local.s3().endpoint().toString(),
          DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET));
      result.parts().forEach(p -> s3a.add("s3a://" + p.bucket() + "/" + p.key()));
      readers.add(new ReaderProcess("baseline: parquet-java Group, typed getters, S3A", jvm, prepend("parquet-group", s3a)));
      List<String> driverArgs = List.of(result.url(), DemoCollaboration.ADVERTISER_SECRET, result.jobId());
      readers.add(new ReaderProcess("driver: getObject on every column", jvm, prepend("driver-object", driverArgs)));
      readers.add(new ReaderProcess("driver: typed getters", jvm, prepend("driver-typed", driverArgs)));
      boolean duck = hasDuckDb();
      if (duck) {
        readers.add(new ReaderProcess("DuckDB JDBC getObject, local files", jvm,
            List.of("duckdb", copies.toString() + "/*.parquet")));
      } else {
        System.out.println("DuckDB baseline skipped: org.duckdb:duckdb_jdbc is not on the class path (-Pbench adds it)");
      }
      for (int w = 0; w < WARMUPS; w++) {
        for (ReaderProcess r : readers) {
          r.read(false);
        }
      }
      for (int run = 0; run < RUNS; run++) {
        for (ReaderProcess r : readers) {
          ReaderProcess.Round round = r.read(true);
          if (round.rows() != BenchRows.ROWS) {
            throw new IllegalStateException(r.name + " read " + round.rows() + " rows, not " + BenchRows.ROWS);
          }
        }
      }
      report(readers, result, duck);
      for (ReaderProcess r : readers) {
        r.close();
      }
    }
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static boolean hasDuckDb() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void report(List<ReaderProcess> readers, BenchResult result, boolean duck) {
    System.out.printf("%n%,d rows x 8 columns in %d Parquet part files (%.1f MB); %d cores; %s %s; %d rounds"
        + " after %d warm-up reads, each reader in its own JVM (%s)%n%n", BenchRows.ROWS, result.parts().size(),
        result.bytes() / 1048576.0, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), RUNS, WARMUPS, "-Xmx" + System.getProperty("bench.xmx", "1g"));
    System.out.println("| reader | wall s (median) | CPU s (median) | rows/s | peak heap MB | peak live MB |");
    System.out.println("|---|---|---|---|---|---|");
    for (ReaderProcess r : readers) {
      double wall = median(r.rounds, ReaderProcess.Round::seconds);
      System.out.printf("| %s | %.3f | %.3f | %,.0f | %.0f | %.0f |%n", r.name, wall,
          median(r.rounds, ReaderProcess.Round::cpuSeconds), BenchRows.ROWS / wall,
          median(r.rounds, Round -> Round.peakHeap()) / 1048576.0, median(r.rounds, x -> x.peakLive()) / 1048576.0);
    }
    ReaderProcess base = readers.get(0);
    System.out.println();
    System.out.println("| ratio (median of the per-round ratios) | wall | CPU |");
    System.out.println("|---|---|---|");
    for (ReaderProcess driver : readers.subList(1, 3)) {
      System.out.printf("| %s / parquet-java | **%.2fx** | **%.2fx** |%n", driver.name.substring(8),
          ratio(driver, base, ReaderProcess.Round::seconds), ratio(driver, base, ReaderProcess.Round::cpuSeconds));
      if (duck) {
        ReaderProcess d = readers.get(3);
        System.out.printf("| %s / DuckDB | **%.2fx** | %.2fx |%n", driver.name.substring(8),
            ratio(driver, d, ReaderProcess.Round::seconds), ratio(driver, d, ReaderProcess.Round::cpuSeconds));
      }
    }
  }

  private static double ratio(ReaderProcess a, ReaderProcess b, ToDoubleFunction<ReaderProcess.Round> f) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.rounds.size(); i++) {
      ratios.add(f.applyAsDouble(a.rounds.get(i)) / f.applyAsDouble(b.rounds.get(i)));
    }
    ratios.sort(Comparator.naturalOrder());
    return ratios.get(ratios.size() / 2);
  }

  static double median(List<ReaderProcess.Round> rounds, ToDoubleFunction<ReaderProcess.Round> f) {
    return rounds.stream().mapToDouble(f).sorted().skip(rounds.size() / 2).findFirst().orElse(Double.NaN);
  }
}
