package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's memory while it streams results of growing size: for each of {@code bench.sizes} rows (default
 * 1,000,000 and 10,000,000; add 100,000,000 for the large run) a job writes the benchmark's eight columns in part
 * files of {@code bench.rowsPerPart} rows to the local S3 (kept on disk), and a reader JVM with {@code -Xmx256m}
 * reads it with getObject on every column, once to warm up and once measured. Prints the peak heap in use
 * (sampled every 5 ms, garbage included), the peak heap live (right after a full GC the reader forces every 100 ms,
 * which slows its read), and their ratios to the smallest size.
 */
public final class MemoryBenchmark {
  public static void main(String[] args) throws Exception {
    List<Long> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000000,10000000").split(","))
        .map(String::trim).map(Long::parseLong).toList();
    int perPart = Integer.getInteger("bench.rowsPerPart", 125_000);
    Path data = Files.createTempDirectory("bench-memory");
    List<String[]> rows = new ArrayList<>();
    double[] base = null;
    try (LocalCleanRooms local = LocalCleanRooms.builder().rowsPerPart(perPart).seedDemo(true).dataDir(data).start()) {
      for (long size : sizes) {
        long t = System.nanoTime();
        BenchResult result = BenchResult.write(local, size);
        double writeSeconds = (System.nanoTime() - t) / 1e9;
        try (ReaderProcess reader = new ReaderProcess("driver", List.of("-Xmx256m", "-Dbench.gcEveryMs=100"), List.of("driver-object",
            result.url(), DemoCollaboration.ADVERTISER_SECRET, result.jobId()))) {
          reader.read(false);
          ReaderProcess.Round r = reader.read(true);
          if (r.rows() != size) {
            throw new IllegalStateException("read " + r.rows() + " rows, not " + size);
          }
          double[] m = {r.peakHeap() / 1048576.0, r.peakLive() / 1048576.0};
          base = base == null ? m : base;
          rows.add(new String[] {String.format("%,d", size), String.valueOf(result.parts().size()),
              String.format("%.0f", result.bytes() / 1048576.0), String.format("%.1f", writeSeconds),
              String.format("%.1f", r.seconds()), String.format("%.0f", m[0]), String.format("%.2fx", m[0] / base[0]),
              String.format("%.0f", m[1]), String.format("%.2fx", m[1] / base[1])});
        }
      }
    }
    System.out.println("\n| rows | part files | MB in S3 | job s | read s | peak heap MB | ratio | peak live MB | ratio |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    System.out.println("\nreader: -Xmx256m, getObject on every column; peak heap: in use, sampled every 5 ms"
        + " (garbage included); peak live: in use right after a full GC, forced every 100 ms; ratios to the first size");
  }
}
