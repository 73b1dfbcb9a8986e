package dev.cleanroomsjdbc.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One reader of the streaming benchmark in a JVM of its own (so that no reader's JIT profile or garbage
 * slows another): reads the whole result each time the benchmark writes {@code read} to its standard input and
 * answers {@code RESULT rows wallSeconds cpuSeconds peakHeapBytes peakLiveBytes}.
 *
 * <p>Arguments: the reader's kind ({@link Readers}) and what it needs to find the files.
 */
public final class BenchReader {
  private BenchReader() {}

  public static void main(String[] args) throws Exception {
    Readers.Read read = Readers.of(args);
    System.out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && line.equals("read")) {
      System.out.println(measure(read));
    }
  }

  private static String measure(Readers.Read read) throws Exception {
    System.gc();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    AtomicLong peak = new AtomicLong();
    AtomicLong live = new AtomicLong();
    long gcEvery = Long.getLong("bench.gcEveryMs", 0); // > 0: the live heap measured by a full GC that often
    Thread sampler = new Thread(() -> {
      long lastGc = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        long used = 0;
        long afterGc = 0;
        for (MemoryPoolMXBean p : heap) {
          used += p.getUsage().getUsed();
          afterGc += p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed();
        }
        peak.accumulateAndGet(used, Math::max);
        if (gcEvery > 0 && System.nanoTime() - lastGc > gcEvery * 1_000_000) {
          System.gc();
          lastGc = System.nanoTime();
          afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        } else if (gcEvery > 0) {
          afterGc = 0;
        }
        live.accumulateAndGet(afterGc, Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    long cpu = os.getProcessCpuTime();
    long t = System.nanoTime();
    sampler.start();
    long rows = read.rows();
    double seconds = (System.nanoTime() - t) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    sampler.interrupt();
    sampler.join();
    return "RESULT " + rows + " " + seconds + " " + cpuSeconds + " " + peak.get() + " " + live.get();
  }
}
