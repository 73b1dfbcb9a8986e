package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Clean Rooms as a program of its own: {@code java -jar cleanrooms-local-<version>-all.jar} starts it on
 * loopback and prints its endpoints, the demo's accounts and a JDBC URL that a tool with only the driver jar uses;
 * its jobs run on the Spark jars it carries (no Maven repository needed) with the opens of its manifest.
 */
@Timeout(300)
class LocalProgramIT {

  @Test
  void theRunnableJarPrintsAUrlThatSqlLineWithTheDriverJarAloneConnectsTo(@TempDir Path dir) throws Exception {
    Path localJar = Path.of(System.getProperty("local.jar", "../local/target/cleanrooms-local-all.jar"));
    // An empty Maven repository: the program must run its jobs on the Spark jars it carries itself.
    Path sparkCache = dir.resolve("spark-cache");
    Process local = new ProcessBuilder(HostRun.JAVA, "-Dmaven.repo.local=" + dir.resolve("empty-repository"),
        "-Dcleanrooms.spark.cache=" + sparkCache, "-jar", localJar.toAbsolutePath().toString(),
        "--port", "0", "--s3-port", "0").redirectErrorStream(true).start();
    try {
      List<String> banner = new ArrayList<>();
      BufferedReader out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      for (String line; (line = out.readLine()) != null; ) {
        banner.add(line);
        if (line.trim().startsWith("jdbc:cleanrooms://")) {
          url = line.trim();
        }
        if (line.startsWith("Press Ctrl+C")) {
          break;
        }
      }
      String printed = String.join("\n", banner);
      assertTrue(url != null, "a JDBC URL in the banner:\n" + printed);
      assertTrue(printed.contains("Local Clean Rooms endpoint: http://127.0.0.1:"), printed);
      assertTrue(printed.contains("Local S3 endpoint:          http://127.0.0.1:"), printed);
      assertTrue(printed.contains("Advertiser (111111111111): accessKeyId AKIALOCALADVERTISER01"), printed);
      assertTrue(printed.contains("Spark (on first job):       Spark 3.5 on local[2]"), printed);
      assertTrue(printed.contains("Python for .py jobs:        "), printed);
      // start a thread that keeps reading, so that the program never blocks on a full pipe
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "local-program-output");
      drain.setDaemon(true);
      drain.start();

      Path script = dir.resolve("reach.sql");
      Files.writeString(script, "CALL demo.campaign_reach();\n");
      HostRun run = HostRun.java(dir, List.of("-cp", DriverJar.path() + File.pathSeparator
          + DriverJar.testClassPathJars("sqlline-", "jline-"), "sqlline.SqlLine", "-u", url, "-n", "",
          "-p", "local-advertiser-secret", "--outputformat=csv", "--run=" + script)).succeeded();
      assertTrue(run.stdout().contains("'back_to_school','500'"),
          run::toString);
      try (var unpacked = Files.list(sparkCache)) {
        assertTrue(unpacked.anyMatch(d -> Files.exists(d.resolve("spark-core_2.13-3.5.8.jar"))),
            "the job ran on the Spark jars the runnable jar carries, unpacked to " + sparkCache);
      }
    } finally {
      local.destroy();
      assertTrue(local.waitFor(30, TimeUnit.SECONDS), "the local Clean Rooms stops on SIGTERM");
      assertEquals(143, local.exitValue(), "stopped by SIGTERM through its shutdown hook");
    }
  }
}
