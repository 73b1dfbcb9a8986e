package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /** Runs SQLLine in a new JVM whose class path is the driver jar and SQLLine's own jars, nothing else. */
  private static String sqlline(Path dir, String... args) throws Exception {
    String sqllineJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.contains("sqlline") || p.contains("jline"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", DriverJar.path() + File.pathSeparator + sqllineJars, "sqlline.SqlLine"));
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
