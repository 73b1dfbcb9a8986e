package dev.cleanroomsjdbc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.driver.CleanRoomsStatement;
import dev.cleanroomsjdbc.driver.TestCollaboration;
import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.faults.Faults;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/**
 * Whatever ends a statement's wait ends its job: an interrupted thread, a closed connection (also while
 * prepareCall runs the job), System.exit and SIGTERM of the JVM. What kill -9 leaves is found in
 * cleanrooms.protected_jobs and cancelled with CALL cleanrooms.cancel_job. The service is asked how each job ended.
 */
@Timeout(120)
class OrphanTest {
  private static final Duration END = Duration.ofSeconds(40);
  private final TestCollaboration collaboration = TestCollaboration.shared();
  private final Runs runs = new Runs(collaboration);

  @AfterEach
  void nothingIsLeftRunning() throws Exception {
    for (String id : runs.stillRunning()) {
      runs.jobEnd(id, END); // a failed spec must not hold the membership's job slot for the next
    }
  }

  @Test
  void interruptingTheWaitingThreadCancelsTheJob() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      Started started = listen(s);
      Future<?> call = pool.submit(() -> s.executeQuery("CALL demo.slow()"));
      String jobId = started.await();
      call.cancel(true);
      assertEquals("CANCELLED", runs.jobEnd(jobId, END));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shutdownNowOfThePoolThatWaitsCancelsTheJob() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      Started started = listen(s);
      Future<?> call = pool.submit(() -> s.executeQuery("CALL demo.slow()"));
      String jobId = started.await();
      pool.shutdownNow();
      ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS));
      assertEquals("57014", assertInstanceOf(SQLException.class, e.getCause()).getSQLState());
      assertEquals("CANCELLED", runs.jobEnd(jobId, END));
    }
  }

  @Test
  void aCancelWhileTheStartIsInFlightCancelsTheJobItStarted() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    List<String> before = runs.jobIds();
    // the service holds every StartProtectedJob 1.5 s before it runs it
    collaboration.faults(Faults.none().withLatency(Duration.ofMillis(1500), 1.0).onlyOperations("StartProtectedJob"));
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      Future<?> call = pool.submit(() -> s.executeQuery("CALL demo.slow()"));
      Thread.sleep(500);
      s.cancel();
      ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS));
      assertEquals("57014", assertInstanceOf(SQLException.class, e.getCause()).getSQLState());
      assertEquals("CANCELLED", runs.jobEnd(newJob(before), END));
    } finally {
      collaboration.faults(Faults.none());
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheConnectionWhilePrepareCallRunsTheJobCancelsIt() throws Exception {
    List<String> before = runs.jobIds();
    Connection c = collaboration.connect();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread preparing = new Thread(() -> {
      try (CallableStatement cs = c.prepareCall("{call demo.slow()}")) {
        cs.execute();
      } catch (SQLException | RuntimeException e) {
        failure.set(e);
      }
    });
    preparing.start();
    String jobId = newJob(before);
    c.close();
    preparing.join(60_000);
    assertEquals("CANCELLED", runs.jobEnd(jobId, END));
    assertEquals("57014", assertInstanceOf(SQLException.class, failure.get()).getSQLState());
  }

  @Test
  void systemExitCancelsWhatTheJvmStarted() throws Exception {
    Process child = childJvm();
    String jobId = startedIn(child);
    try (Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      w.write("exit\n");
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child JVM exited");
    assertEquals("CANCELLED", runs.jobEnd(jobId, END));
  }

  @Test
  void sigtermCancelsWhatTheJvmStarted() throws Exception {
    Process child = childJvm();
    String jobId = startedIn(child);
    child.destroy(); // SIGTERM
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child JVM exited");
    assertEquals("CANCELLED", runs.jobEnd(jobId, END));
  }

  @Test
  void aJobLeftRunningIsFoundInProtectedJobsAndCancelledWithCancelJob() throws Exception {
    String templateArn;
    String leftOver;
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      templateArn = client.listAnalysisTemplatesPaginator(b -> b.membershipIdentifier(collaboration.membershipId()))
          .analysisTemplateSummaries().stream().filter(t -> t.name().equals("slow")).findFirst().orElseThrow().arn();
      // what a process killed with kill -9 leaves: a job nobody waits for
      leftOver = client.startProtectedJob(b -> b.membershipIdentifier(collaboration.membershipId())
          .type("PYSPARK").jobParameters(p -> p.analysisTemplateArn(templateArn))).protectedJob().id();
    }
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      String found = null;
      try (ResultSet rs = s.executeQuery("SELECT job_id FROM cleanrooms.protected_jobs"
          + " WHERE status IN ('SUBMITTED', 'STARTED')")) {
        while (rs.next()) {
          found = rs.getString(1);
        }
      }
      assertEquals(leftOver, found);
      try (ResultSet rs = s.executeQuery("CALL cleanrooms.cancel_job('" + leftOver + "')")) {
        assertTrue(rs.next());
        assertEquals(leftOver, rs.getString("id"));
        assertEquals("PROTECTED_JOB", rs.getString("kind"));
        assertEquals("CANCELLED", rs.getString("status"));
      }
    }
    assertEquals("CANCELLED", runs.jobEnd(leftOver, Duration.ZERO));
  }

  @Test
  void cancelJobOfAnUnknownIdIsAnUndefinedObject() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("CALL cleanrooms.cancel_job('00000000-0000-4000-8000-000000000000')"));
      assertEquals("42704", e.getSQLState(), e.getMessage());
    }
  }

  /** The id of the first job to appear that is not in {@code before}. */
  private String newJob(List<String> before) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (String id : runs.jobIds()) {
        if (!before.contains(id)) {
          return id;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no job started");
  }

  private Process childJvm() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), JobInChildJvm.class.getName(), collaboration.url());
    pb.environment().put("CLEANROOMS_TEST_SECRET", DemoCollaboration.ADVERTISER_SECRET);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static String startedIn(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    AtomicReference<String> id = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("STARTED ") && id.compareAndSet(null, line.substring(8))) {
            started.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the child ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    assertTrue(started.await(60, TimeUnit.SECONDS), "the child's job reached STARTED");
    return id.get();
  }

  /** The id of the job a statement starts, once it runs. */
  private record Started(CountDownLatch latch, AtomicReference<String> id) {
    String await() throws InterruptedException {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "the job reached STARTED");
      return id.get();
    }
  }

  private static Started listen(Statement s) throws SQLException {
    Started started = new Started(new CountDownLatch(1), new AtomicReference<>());
    s.unwrap(CleanRoomsStatement.class).setProgressListener(p -> {
      if (p.status().equals("STARTED") && started.id().compareAndSet(null, p.id())) {
        started.latch().countDown();
      }
    });
    return started;
  }
}
