package dev.cleanroomsjdbc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.driver.TestCollaboration;
import dev.cleanroomsjdbc.testjobs.TypedRowValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many statements of one JVM on one membership, as a BI tool runs them: they take turns for the membership's one
 * job slot and five query slots instead of failing with the service's 402.
 */
class QuotaTurnsTest {
  static final String SELECT = "SELECT segment, COUNT(*) AS customers FROM demo.customers GROUP BY segment";
  private static final int THREADS = 8;
  private static final int EACH = 10;

  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  @Timeout(420)
  void eightThreadsOfTenCallsAndEightOfTenSelectsOnOneMembershipAllGetTheirRows() throws Exception {
    Map<String, Long> expected;
    try (Connection c = collaboration.connect()) {
      expected = segments(c);
    }
    AtomicInteger correct = new AtomicInteger();
    AtomicInteger waited = new AtomicInteger();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
    List<Future<?>> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < 2 * THREADS; t++) {
      boolean calls = t % 2 == 0;
      threads.add(pool.submit(() -> {
        try (Connection c = collaboration.connect()) {
          for (int i = 0; i < EACH; i++) {
            try (Statement s = c.createStatement()) {
              boolean right = calls ? callRows(s) == TypedRowValues.DEFAULT_ROWS : expected.equals(segments(s));
              (right ? correct : new AtomicInteger()).incrementAndGet();
              if (!right) {
                wrong.add((calls ? "CALL" : "SELECT") + " returned other rows");
              }
              if (waitedForTurn(s.getWarnings())) {
                waited.incrementAndGet();
              }
            } catch (SQLException e) {
              wrong.add(e.getSQLState() + " " + e.getMessage());
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : threads) {
      f.get();
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.err.println("quota turns: " + correct.get() + "/" + 2 * THREADS * EACH + " correct in " + seconds
        + " s; " + waited.get() + " statements waited for their turn; failures " + wrong);
    assertEquals(List.of(), List.copyOf(wrong));
    assertEquals(2 * THREADS * EACH, correct.get());
    assertTrue(waited.get() > 0, "with 8 CALLs at once on one membership, some waited for the job slot");
  }

  private static boolean waitedForTurn(SQLWarning w) {
    for (; w != null; w = w.getNextWarning()) {
      if (w.getMessage().contains("for its turn")) {
        return true;
      }
    }
    return false;
  }

  private static long callRows(Statement s) throws SQLException {
    long n = 0;
    try (ResultSet rs = s.executeQuery("CALL demo.typed_rows()")) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  static Map<String, Long> segments(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return segments(s);
    }
  }

  static Map<String, Long> segments(Statement s) throws SQLException {
    Map<String, Long> bySegment = new TreeMap<>();
    try (ResultSet rs = s.executeQuery(SELECT)) {
      while (rs.next()) {
        bySegment.put(rs.getString(1), rs.getLong(2));
      }
    }
    return bySegment;
  }
}
