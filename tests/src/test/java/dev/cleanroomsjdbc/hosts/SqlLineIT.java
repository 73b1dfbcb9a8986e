package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLLine, a real JDBC client, with the self-contained driver jar alone beside it on the class path of its own JVM,
 * against a standalone local Clean Rooms.
 */
@Timeout(300)
class SqlLineIT {

  @Test
  void sqllineListsTablesColumnsAndProceduresRunsATemplateAndASelectThroughTheJarAlone(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(script, String.join("\n",
        "!tables",
        "!columns customers",
        "!procedures",
        "CALL demo.campaign_reach();",
        "SELECT segment, COUNT(*) AS n FROM demo.customers GROUP BY segment ORDER BY segment;",
        "SELECT name, format FROM cleanrooms.analysis_templates WHERE name = 'campaign_reach';",
        ""));
    StandaloneLocal local = StandaloneLocal.shared();
    String output = sqlline(dir, "-u", local.url(), "-n", "", "-p", local.secret(), "--outputformat=csv",
        "--run=" + script);
    assertTrue(output.contains("'customers'") && output.contains("'impressions'"), output);
    assertTrue(output.contains("'segment_report'"), output);
    assertTrue(output.contains("'lifetime_value'") && output.contains("'DECIMAL"), output);
    assertTrue(output.contains("'lapsed','500'") || output.contains("'lapsed',500"), output);
    assertTrue(output.contains("'back_to_school'") && output.contains("'summer_launch'"), output);
    assertTrue(output.contains("'campaign_reach','PYSPARK_1_0'"), output);
    // metadata results end cleanly: SQLLine reads them to the end and one step further
    assertTrue(!output.contains("Invalid cursor position") && !output.contains("Error:"), output);
  }

  /** docs/driver.md#starting-fast: the JDK's class data archive of the driver, made by one run, used by the next. */
  @Test
  void sqllineStartedWithAClassDataArchiveOfTheDriverLoadsTheDriverFromItAndAnswersAsWithout(@TempDir Path dir)
      throws Exception {
    Path script = dir.resolve("tables.sql");
    Files.writeString(script, "!tables\n");
    Path archive = dir.resolve("cleanrooms.jsa");
    StandaloneLocal local = StandaloneLocal.shared();
    String made = sqlline(dir, List.of("-XX:ArchiveClassesAtExit=" + archive), "-u", local.url(), "-n", "", "-p",
        local.secret(), "--outputformat=csv", "-f", script.toString());
    assertTrue(Files.size(archive) > 0, made);

    Path classLog = dir.resolve("classes.log");
    String used = sqlline(dir, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive,
        "-Xlog:class+load=info:file=" + classLog), "-u", local.url(), "-n", "", "-p", local.secret(),
        "--outputformat=csv", "-f", script.toString());
    assertEquals(tableLines(made), tableLines(used));
    assertTrue(tableLines(used).stream().anyMatch(l -> l.contains("'customers'")), used);
    String loaded = Files.readString(classLog);
    assertTrue(loaded.contains("dev.cleanroomsjdbc.driver.CleanRoomsDriver source: shared objects file"),
        "the driver's classes come from the archive");

    String archived = new String(Files.readAllBytes(archive), java.nio.charset.StandardCharsets.ISO_8859_1);
    for (String given : List.of(local.secret(), local.url())) {
      assertFalse(archived.contains(given), "the archive holds classes, not what a connection was given");
    }
  }

  private static List<String> tableLines(String output) {
    return output.lines().filter(l -> l.startsWith("'")).toList();
  }

  private static String sqlline(Path dir, String... args) throws Exception {
    return sqlline(dir, List.of(), args);
  }

  /**
   * Runs SQLLine in a new JVM with {@code jvm} options whose class path is the driver jar and SQLLine's own jars,
   * nothing else.
   */
  private static String sqlline(Path dir, List<String> jvm, String... args) throws Exception {
    String sqllineJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.contains("sqlline") || p.contains("jline"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvm);
    command.addAll(List.of("-cp", DriverJar.path() + File.pathSeparator + sqllineJars, "sqlline.SqlLine"));
    command.addAll(List.of(args));
    Path out = dir.resolve("sqlline.out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "SQLLine finished");
    String output = Files.readString(out);
    assertEquals(0, p.exitValue(), output);
    return output;
  }
}
