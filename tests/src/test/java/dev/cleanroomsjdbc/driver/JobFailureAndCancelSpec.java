package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.execution.JobFailedException;
import dev.cleanroomsjdbc.execution.JobProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;

/** What a user sees when a job fails, is cancelled, times out, or names a template that is not there. */
@Timeout(120)
abstract class JobFailureAndCancelSpec {
  private final TestCollaboration collaboration = collaboration();

  /** The local Clean Rooms to run against; its storage is what the subclasses vary. */
  protected abstract TestCollaboration collaboration();

  @Test
  void aFailedJobRaisesItsServiceErrorCodeAndMessage() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      JobFailedException e = assertThrows(JobFailedException.class, () -> s.executeQuery("CALL demo.failing()"));
      assertEquals("38000", e.getSQLState());
      assertEquals("INSUFFICIENT_COMPUTE", e.serviceErrorCode());
      assertTrue(e.getMessage().contains("INSUFFICIENT_COMPUTE"), e.getMessage());
      assertTrue(e.getMessage().contains("more workers"), e.getMessage());
      assertEquals(ProtectedJobStatus.FAILED, statusOf(e.jobId()));
    }
  }

  @Test
  void aPySparkEntryPointWithoutPySparkFailsWithMalformedScript() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        dev.cleanroomsjdbc.local.engine.spark.PythonCheck.of(null).usable(), "PySpark is importable here");
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      JobFailedException e = assertThrows(JobFailedException.class, () -> s.executeQuery("CALL demo.python_lift()"));
      assertEquals("MALFORMED_SCRIPT", e.serviceErrorCode());
    }
  }

  @Test
  void cancelWhileTheJobRunsCancelsTheJob() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      RunningJob running = startSlowJob(s);
      s.cancel();
      SQLException e = running.failure();
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertEquals(ProtectedJobStatus.CANCELLED, statusOf(running.jobId()));
    }
  }

  @Test
  void anExpiredQueryTimeoutCancelsTheJob() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> s.executeQuery("CALL demo.slow()"));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "the timeout ended the wait");
      assertEquals("HYT00", e.getSQLState());
      String jobId = collaboration.jobs().get(0).id();
      assertEquals(ProtectedJobStatus.CANCELLED, statusOf(jobId));
    }
  }

  @Test
  void closingTheStatementWhileItWaitsCancelsTheJob() throws Exception {
    try (Connection c = collaboration.connect()) {
      Statement s = c.createStatement();
      RunningJob running = startSlowJob(s);
      s.close();
      assertEquals("57014", running.failure().getSQLState());
      assertEquals(ProtectedJobStatus.CANCELLED, statusOf(running.jobId()));
    }
  }

  @Test
  void closingTheConnectionWhileAStatementWaitsCancelsTheJob() throws Exception {
    Connection c = collaboration.connect();
    RunningJob running = startSlowJob(c.createStatement());
    c.close();
    assertEquals("57014", running.failure().getSQLState());
    assertEquals(ProtectedJobStatus.CANCELLED, statusOf(running.jobId()));
  }

  @Test
  void anUnknownTemplateIsAnUndefinedFunction() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("CALL demo.no_such_template()"));
      assertEquals("42883", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("NO_SUCH_TEMPLATE") || e.getMessage().contains("no_such_template"),
          e.getMessage());
    }
  }

  /** A slow job started from another thread, and the moment the driver saw it STARTED. */
  private record RunningJob(String jobId, CompletableFuture<Void> execution) {
    SQLException failure() throws Exception {
      try {
        execution.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        return assertInstanceOf(SQLException.class, e.getCause());
      }
      throw new AssertionError("the slow job's statement ended without an error");
    }
  }

  private static RunningJob startSlowJob(Statement s) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    String[] jobId = new String[1];
    s.unwrap(CleanRoomsStatement.class).setProgressListener((JobProgress p) -> {
      if (p.status().equals("STARTED")) {
        jobId[0] = p.id();
        started.countDown();
      }
    });
    CompletableFuture<Void> execution = CompletableFuture.runAsync(() -> {
      try {
        s.executeQuery("CALL demo.slow()");
      } catch (SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    assertTrue(started.await(30, TimeUnit.SECONDS), "the job reached STARTED");
    return new RunningJob(jobId[0], execution);
  }

  private ProtectedJobStatus statusOf(String jobId) {
    try (var client = collaboration.advertiserClient()) {
      return client.getProtectedJob(b -> b.membershipIdentifier(collaboration.membershipId())
          .protectedJobIdentifier(jobId)).protectedJob().status();
    }
  }
}
