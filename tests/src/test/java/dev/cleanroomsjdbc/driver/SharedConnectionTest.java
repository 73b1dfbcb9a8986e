package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One connection used by several threads at once, as JDBC allows and as a tool's metadata and query threads or a
 * careless pool user do: every statement is its own, created, run and closed side by side with the others, and
 * each answers its own query.
 */
@Timeout(120)
class SharedConnectionTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 15;
  private static final int OPEN = 10;

  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void threadsSharingAConnectionEachGetTheirOwnStatementsAndAnswers() throws Exception {
    try (Connection c = collaboration.connect()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(pool.submit((Callable<Integer>) () -> {
            int answered = 0;
            for (int round = 0; round < ROUNDS; round++) {
              // a handful kept open at once, so that the connection's statements grow and shrink side by side
              List<Statement> open = new ArrayList<>();
              try {
                for (int i = 0; i < OPEN; i++) {
                  int n = thread * 100_000 + round * OPEN + i;
                  if (i % 2 == 0) {
                    Statement s = c.createStatement();
                    open.add(s);
                    try (ResultSet rs = s.executeQuery("SELECT " + n + " AS n")) {
                      rs.next();
                      assertEquals(n, rs.getInt(1));
                    }
                  } else {
                    PreparedStatement p = c.prepareStatement("SELECT CAST(? AS INTEGER) AS n");
                    open.add(p);
                    p.setInt(1, n);
                    try (ResultSet rs = p.executeQuery()) {
                      rs.next();
                      assertEquals(n, rs.getInt(1));
                    }
                  }
                  answered++;
                }
              } finally {
                for (Statement s : open) {
                  s.close();
                }
              }
            }
            return answered;
          }));
        }
        for (Future<Integer> f : done) {
          assertEquals(ROUNDS * OPEN, f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
