package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver jar embedded by a plain Java program (tests/src/test/hosts/PlainJavaHost.java, run by the JDK's
 * source launcher, so its class path holds nothing): a URLClassLoader of its own, the context class loader left
 * alone, no logging backend.
 */
@Timeout(300)
class PlainJavaHostIT {
  @TempDir
  static Path dir;

  private static HostRun run;

  @BeforeAll
  static void runTheHostProgram() throws Exception {
    StandaloneLocal local = StandaloneLocal.shared();
    run = HostRun.java(dir, List.of(DriverJar.hostProgram("PlainJavaHost.java").toString(),
        DriverJar.path().toString(), local.url(), local.secret())).succeeded();
  }

  @Test
  void aSelectAndACallRunThroughAUrlClassLoaderThatIsNotTheContextClassLoader() {
    assertEquals("false", run.value("contextLoaderIsJars"));
    assertEquals("lapsed:500,loyal:500,new:500,vip:500", run.value("select"));
    assertEquals("back_to_school:500,holiday:500,spring_sale:500,summer_launch:500", run.value("call"));
  }

  @Test
  void theHostsConsoleStaysEmptyWhenItHasNoLoggingBackend() {
    assertEquals("", run.stderr(), "nothing on stderr: no SLF4J warnings, no log records\n" + run);
  }

  @Test
  void aJavaUtilLoggingHostGetsTheDriversRecordsUnderItsParentLoggerAndNoSecret() {
    assertEquals("dev.cleanroomsjdbc", run.value("jul.parent"));
    assertTrue(Integer.parseInt(run.value("jul.records")) > 0, run::toString);
    List<String> loggers = List.of(run.value("jul.loggers").split(","));
    assertTrue(loggers.stream().anyMatch(l -> l.startsWith("dev.cleanroomsjdbc.results.")), run::toString);
    assertTrue(loggers.stream().allMatch(l -> l.startsWith("dev.cleanroomsjdbc.")), run::toString);
    assertEquals("false", run.value("jul.secretLogged"));
    assertEquals("0", run.value("jul.wireRecords"), "HttpClient's wire and header loggers stay off at FINEST");
  }

  @Test
  void theLocalUrlWithoutTheLocalCleanRoomsSaysWhatToAdd() {
    assertEquals("08006", run.value("local.sqlstate"));
    assertTrue(run.value("local.message").contains("dev.cleanroomsjdbc:cleanrooms-local"), run::toString);
  }
}
