package dev.cleanroomsjdbc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.driver.TestCollaboration;
import dev.cleanroomsjdbc.execution.JobFailedException;
import dev.cleanroomsjdbc.local.faults.Faults;
import dev.cleanroomsjdbc.testjobs.TypedRowValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Concurrent statements under the local Clean Rooms' heavy fault setting on every job and query operation
 * (throttling, 5xx, answers lost after the request ran, latency, failed jobs): each statement returns its full
 * result or fails because its job failed, no run is started twice, and none is left running.
 */
class HeavyFaultsTest {
  private static final int THREADS = 4;
  private static final int EACH = 3;
  private static final String[] RUN_OPERATIONS = {"StartProtectedJob", "GetProtectedJob", "UpdateProtectedJob",
      "ListProtectedJobs", "StartProtectedQuery", "GetProtectedQuery", "UpdateProtectedQuery", "ListProtectedQueries"};

  private final TestCollaboration collaboration = TestCollaboration.shared();
  private final Runs runs = new Runs(collaboration);

  @Test
  @Timeout(300)
  void everyStatementReturnsItsFullResultOrFailsBecauseItsJobFailed() throws Exception {
    List<Connection> connections = new ArrayList<>();
    Map<String, Long> expected;
    Set<String> jobsBefore = new HashSet<>();
    Set<String> queriesBefore = new HashSet<>();
    AtomicInteger full = new AtomicInteger();
    ConcurrentLinkedQueue<String> failedJobs = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    try {
      for (int i = 0; i < 2 * THREADS; i++) {
        connections.add(collaboration.connect());
      }
      expected = QuotaTurnsTest.segments(connections.get(0));
      jobsBefore.addAll(runs.jobIds());
      queriesBefore.addAll(runs.queryIds());
      collaboration.faults(Faults.heavy().withSeed(13).onlyOperations(RUN_OPERATIONS));
      ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
      List<Future<?>> threads = new ArrayList<>();
      for (int t = 0; t < 2 * THREADS; t++) {
        Connection c = connections.get(t);
        boolean calls = t % 2 == 0;
        threads.add(pool.submit(() -> {
          for (int i = 0; i < EACH; i++) {
            try (Statement s = c.createStatement()) {
              boolean right = calls ? rows(s, "CALL demo.typed_rows()") == TypedRowValues.DEFAULT_ROWS
                  : expected.equals(QuotaTurnsTest.segments(s));
              if (right) {
                full.incrementAndGet();
              } else {
                wrong.add("incomplete result");
              }
            } catch (JobFailedException e) {
              failedJobs.add(e.jobId());
            } catch (SQLException e) {
              wrong.add(e.getSQLState() + " " + e.getMessage());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : threads) {
        f.get();
      }
      pool.shutdown();
    } finally {
      collaboration.faults(Faults.none());
      for (Connection c : connections) {
        c.close();
      }
    }
    for (String id : failedJobs) {
      String status = runs.jobIds().contains(id) ? runs.jobEnd(id, Duration.ZERO) : runs.queryEnd(id, Duration.ZERO);
      if (!status.equals("FAILED")) {
        wrong.add("reported failed, but " + id + " ended " + status);
      }
    }
    List<String> newJobs = runs.jobIds().stream().filter(id -> !jobsBefore.contains(id)).toList();
    List<String> newQueries = runs.queryIds().stream().filter(id -> !queriesBefore.contains(id)).toList();
    System.err.println("heavy faults: " + full.get() + " full results, " + failedJobs.size() + " failed jobs, "
        + wrong.size() + " other outcomes " + wrong + "; " + newJobs.size() + " jobs and " + newQueries.size()
        + " queries started for " + THREADS * EACH + " CALLs and " + THREADS * EACH + " SELECTs");
    assertEquals(List.of(), List.copyOf(wrong));
    assertEquals(2 * THREADS * EACH, full.get() + failedJobs.size());
    assertEquals(THREADS * EACH, newJobs.size(), "one job per CALL: none started twice");
    assertEquals(THREADS * EACH, newQueries.size(), "one query per SELECT: none started twice");
    assertEquals(List.of(), runs.stillRunning());
    assertTrue(full.get() > 0);
  }

  @Test
  @Timeout(120)
  void aServiceOutageWhileTheJobRunsIsWaitedOutAndTheRowsArrive() throws Exception {
    java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      long[] outage = new long[2];
      s.unwrap(dev.cleanroomsjdbc.driver.CleanRoomsStatement.class).setProgressListener(p -> {
        if (p.status().equals("SUBMITTED") && outage[0] == 0) {
          // every look at the job fails for 4 s, longer than the SDK's retries last
          collaboration.faults(Faults.none().withServerErrorRate(1.0).onlyOperations("GetProtectedJob"));
          outage[0] = System.nanoTime();
          timer.schedule(() -> {
            collaboration.faults(Faults.none());
            outage[1] = System.nanoTime();
          }, 4, java.util.concurrent.TimeUnit.SECONDS);
        }
      });
      long n = rows(s, "CALL demo.typed_rows()");
      assertEquals(TypedRowValues.DEFAULT_ROWS, n);
      assertTrue(outage[1] > 0, "the statement waited out the outage");
    } finally {
      collaboration.faults(Faults.none());
      timer.shutdownNow();
    }
  }

  private static long rows(Statement s, String sql) throws SQLException {
    long n = 0;
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }
}
