package dev.cleanroomsjdbc.local.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.ParquetTestFiles;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark-master spark://...}: a Spark standalone master and one worker, started on loopback from the same
 * Maven Central jars the engine loads (a SPARK_HOME of links to them), run a protected job sent by the local
 * Clean Rooms; the executor is a JVM of the worker's.
 */
@Timeout(300)
class SparkStandaloneClusterTest {
  private static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");
  private static final S3Location EVENTS = new S3Location("data", "events/");

  @TempDir
  static Path home;
  private static final List<Process> CLUSTER = new ArrayList<>();
  private static String master;
  private static LocalS3 s3;

  @BeforeAll
  static void startCluster() throws Exception {
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> classPath = new ArrayList<>();
    for (URL url : SparkClassPath.resolve(SparkStandaloneClusterTest.class.getClassLoader())) {
      Path jar = Path.of(url.toURI());
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      classPath.add(jar.toString());
    }
    // A RELEASE file tells Spark's launcher that jars/ holds the distribution (the worker builds executors' class
    // path from it).
    Files.writeString(home.resolve("RELEASE"), "Spark 3.5 from Maven Central's jars\n");
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    CLUSTER.add(start("master", classPath, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()))));
    awaitPort(port);
    CLUSTER.add(start("worker", classPath, List.of("org.apache.spark.deploy.worker.Worker", master, "--host",
        "127.0.0.1", "--cores", "2", "--memory", "1g", "--work-dir", home.resolve("work").toString(),
        "--webui-port", String.valueOf(freePort()))));

    s3 = LocalS3.start(0, null);
    s3.createBucket("data");
    s3.createBucket("results");
    ParquetResultWriter.write(s3, EVENTS, List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("kind", "string")),
        LongStream.range(0, 1000).mapToObj(i -> new Object[] {i, i % 3 == 0 ? "click" : "view"}).iterator(), 400,
        () -> false);
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : CLUSTER) {
      p.destroy();
    }
    for (Process p : CLUSTER) {
      p.waitFor();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aJobRunsOnTheStandaloneCluster() throws Exception {
    S3Location code = new S3Location("data", "code/kinds.sql");
    s3.putText(code, "SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY kind");
    JobSpec spec = new JobSpec("cluster-1", code, Map.of("events", new TableSource("events",
        List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("kind", "string")), EVENTS, "PARQUET")), Map.of(),
        new S3Location("results", "cluster-1/"));
    SparkOptions options = new SparkOptions(master, null);

    assertEquals(List.of("result"), new SparkJobRuntime(s3, 1000, options).run(spec, () -> false));

    assertTrue(SparkEngines.get(options).describe().endsWith("on " + master), SparkEngines.get(options).describe());
    List<Object[]> rows = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("result")).rows();
    assertArrayEquals(new Object[] {"click", 334L}, rows.get(0));
    assertArrayEquals(new Object[] {"view", 666L}, rows.get(1));
    String workerLog = Files.readString(home.resolve("worker.log"));
    assertTrue(workerLog.contains("Asked to launch executor"), workerLog);
  }

  private static Process start(String name, List<String> classPath, List<String> main) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(OPENS);
    command.addAll(List.of("-Xmx512m", "-cp", String.join(File.pathSeparator, classPath)));
    command.addAll(main);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().remove("SPARK_CONF_DIR");
    return pb.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("the Spark master did not listen on " + port + " within 60 s:\n"
        + Files.readString(home.resolve("master.log")));
  }
}
