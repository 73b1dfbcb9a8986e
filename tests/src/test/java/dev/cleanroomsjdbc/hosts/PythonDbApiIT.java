package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's DB-API through JPype's {@code jpype.dbapi2} (Debian's python3-jpype, which .ci/run installs), with the
 * driver jar as the JVM's class path, against a standalone local Clean Rooms (tests/src/test/hosts/dbapi_host.py).
 * Where no Python with JPype can be found the test is skipped, and says why.
 */
@Timeout(300)
class PythonDbApiIT {

  @Test
  void dbApiBindsParametersReadsTypesCallsATemplateAndCommits(@TempDir Path dir) throws Exception {
    String python = pythonWithJpype();
    StandaloneLocal local = StandaloneLocal.shared();
    Path script = DriverJar.hostProgram("dbapi_host.py");
    Process p = new ProcessBuilder(python, script.toString(), DriverJar.path().toString(), local.url(),
        local.secret()).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the Python program finished");
    String out = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), out);
    Map<String, String> values = new LinkedHashMap<>();
    out.lines().filter(l -> l.matches("[a-zA-Z.]+=.*"))
        .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    assertEquals("vip:500", values.get("select"), out);
    assertEquals("date", values.get("date.type"), out);
    assertEquals("true", values.get("date.onOrAfter"), out);
    assertEquals("Decimal", values.get("decimal.type"), out);
    assertEquals("segment,customers", values.get("call.columns"), out);
    assertEquals("lapsed:500,loyal:500,new:500", values.get("call"), out);
    assertEquals("ok", values.get("commit"), out);
  }

  /** Debian's python3 first (where python3-jpype installs), then any on the PATH; skips, saying why, if none. */
  private static String pythonWithJpype() throws Exception {
    StringBuilder why = new StringBuilder();
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import jpype, jpype.dbapi2; print(jpype.__version__)")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          System.out.println("PythonDbApiIT: " + candidate + " with JPype " + out);
          return candidate;
        }
        why.append(candidate).append(": ").append(out.lines().reduce((a, b) -> b).orElse("")).append("; ");
      } catch (java.io.IOException e) {
        why.append(candidate).append(": not found; ");
      }
    }
    String reason = "no python3 that can import jpype.dbapi2 (" + why + "): install Debian's python3-jpype,"
        + " as .ci/run does where apt-get is available";
    System.out.println("PythonDbApiIT skipped: " + reason);
    Assumptions.abort(reason);
    return null;
  }
}
