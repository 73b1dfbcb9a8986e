package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What connecting costs: in a warm JVM, {@code DriverManager.getConnection} to a running local Clean Rooms and
 * the first {@code getTables} of the new connection (median of {@code bench.runs}); and a cold process, from the
 * JVM's start to its first {@code getTables}, with the driver's self-contained jar alone on its class path (or
 * this JVM's class path when the jar is not built), median of {@code bench.cold} processes.
 */
public final class ConnectBenchmark {
  private static final int RUNS = Integer.getInteger("bench.runs", 20);
  private static final int COLD = Integer.getInteger("bench.cold", 5);

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("cold")) {
      cold(args[1]);
      return;
    }
    try (LocalCleanRooms local = LocalCleanRooms.builder().seedDemo(true).start()) {
      var demo = local.demo().orElseThrow();
      String url = "jdbc:cleanrooms://us-east-1/" + demo.advertiserMembershipId() + "?cleanRoomsEndpoint="
          + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint() + "&credentials=STATIC&accessKeyId="
          + DemoCollaboration.ADVERTISER_ACCESS_KEY + "&secretAccessKey=" + DemoCollaboration.ADVERTISER_SECRET;
      List<Double> connect = new ArrayList<>();
      List<Double> browse = new ArrayList<>();
      for (int i = 0; i < RUNS + 3; i++) {
        long t = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, new Properties())) {
          long opened = System.nanoTime();
          try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
              rs.getString(3);
            }
          }
          if (i >= 3) {
            connect.add((opened - t) / 1e6);
            browse.add((System.nanoTime() - t) / 1e6);
          }
        }
      }
      List<Double> cold = new ArrayList<>();
      // a running Clean Rooms is an idle one when a user starts a program: let this JVM's compiler threads,
      // still busy with the warm runs, finish before the cold processes share the cores with it
      Thread.sleep(Long.getLong("bench.settleMs", 3000));
      java.util.Optional<Path> jar = driverJar();
      String driver = jar.map(Path::toString).orElse(System.getProperty("java.class.path"));
      String classPath = driver + java.io.File.pathSeparator
          + Path.of(ConnectBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // and with a class data archive of the driver, as docs/driver.md#starting-fast tells (the JDK archives only
      // classes from jars: this class goes into a jar of its own), the two taken pair by pair
      List<Double> shared = new ArrayList<>();
      Path archive = null;
      String jars = null;
      if (jar.isPresent()) {
        Path dir = Files.createTempDirectory("bench-cds");
        jars = driver + java.io.File.pathSeparator + selfJar(dir);
        archive = dir.resolve("cleanrooms.jsa");
        coldProcess(jars, url, List.of("-XX:ArchiveClassesAtExit=" + archive));
      }
      for (int i = 0; i < COLD; i++) {
        cold.add(coldProcess(classPath, url, List.of()));
        if (archive != null) {
          shared.add(coldProcess(jars, url, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive)));
        }
      }
      System.out.printf("%n| connect | median ms | min ms |%n|---|---|---|%n");
      print("warm JVM: getConnection", connect);
      print("warm JVM: getConnection + first getTables", browse);
      print("cold process: JVM start to first getTables", cold);
      if (!shared.isEmpty()) {
        print("cold process with a class data archive of the driver", shared);
        System.out.printf("%ncold process with the archive: %.2fx the one without%n",
            median(shared) / median(cold));
      }
      System.out.printf("%ncold process class path: %s%n", jar.isPresent() ? "the driver's jar alone"
          : "the tests' class path (build the jar with mvn -pl driver package to measure it alone)");
    }
  }

  private static java.util.Optional<Path> driverJar() throws Exception {
    Path target = Path.of(System.getProperty("user.dir")).resolveSibling("driver").resolve("target");
    if (!Files.isDirectory(target)) {
      target = Path.of("driver", "target");
    }
    if (!Files.isDirectory(target)) {
      return java.util.Optional.empty();
    }
    try (var files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().matches("cleanrooms-jdbc-.*-all\\.jar")).findFirst();
    }
  }

  /** This class alone in a jar in {@code dir}, for a class path the JDK can archive. */
  private static Path selfJar(Path dir) throws Exception {
    Path jar = dir.resolve("connect-benchmark.jar");
    String entry = ConnectBenchmark.class.getName().replace('.', '/') + ".class";
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var in = ConnectBenchmark.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new java.util.jar.JarEntry(entry));
      in.transferTo(out);
    }
    return jar;
  }

  /**
   * Starts a JVM with {@code jvm} options and {@code classPath} (the driver's and this class's) that connects and
   * browses once; returns its milliseconds from JVM start to the first rows.
   */
  private static double coldProcess(String classPath, String url, List<String> jvm) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(jvm);
    String options = System.getProperty("bench.coldJvm", "");
    if (!options.isBlank()) {
      command.addAll(List.of(options.trim().split("\\s+"))); // e.g. -Xlog:class+load to see what loads when
    }
    command.addAll(List.of("-cp", classPath, ConnectBenchmark.class.getName(), "cold", url));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      double ms = Double.NaN;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("COLD ")) {
          ms = Double.parseDouble(line.substring(5));
        }
      }
      p.waitFor();
      return ms;
    }
  }

  private static void cold(String url) throws Exception {
    long start = ManagementFactory.getRuntimeMXBean().getStartTime();
    long main = System.currentTimeMillis() - start;
    DriverManager.getDriver(url);
    long driver = System.currentTimeMillis() - start;
    try (Connection c = DriverManager.getConnection(url, new Properties())) {
      long connected = System.currentTimeMillis() - start;
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        rs.next();
        long browsed = System.currentTimeMillis() - start;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1_000_000;
        System.err.printf("cold process: main at %d ms, driver loaded at %d, connected at %d, first getTables at %d"
            + " (process CPU %d ms)%n", main, driver, connected, browsed, cpu);
        System.out.println("COLD " + browsed);
      }
    }
  }

  private static void print(String what, List<Double> ms) {
    System.out.printf("| %s | %.0f | %.0f |%n", what, median(ms), ms.stream().min(Double::compare).orElseThrow());
  }

  private static double median(List<Double> ms) {
    List<Double> sorted = ms.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
