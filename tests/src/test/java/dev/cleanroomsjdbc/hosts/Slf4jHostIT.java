package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A host with SLF4J of its own (slf4j-simple) and the driver jar beside it: the driver logs into the host's SLF4J. */
@Timeout(300)
class Slf4jHostIT {

  @Test
  void theHostsSlf4jGetsTheDriversRecordsAndNoSecret(@TempDir Path dir) throws Exception {
    StandaloneLocal local = StandaloneLocal.shared();
    String classPath = DriverJar.path() + File.pathSeparator + DriverJar.testClassPathJars("slf4j-api-", "slf4j-simple-");
    HostRun run = HostRun.java(dir, List.of("-cp", classPath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
        DriverJar.hostProgram("Slf4jHost.java").toString(), local.url(), local.secret())).succeeded();

    assertEquals("back_to_school:500,holiday:500,spring_sale:500,summer_launch:500", run.value("call"));
    // slf4j-simple writes "[thread] LEVEL logger - message"
    assertTrue(run.stderr().contains("DEBUG dev.cleanroomsjdbc.results.ResultReader - Reading result file s3://"),
        run::toString);
    assertFalse(run.stderr().contains("SLF4J(W)"), run::toString);
    assertFalse(run.stderr().contains(local.secret()), "the secret access key is never logged");
  }
}
