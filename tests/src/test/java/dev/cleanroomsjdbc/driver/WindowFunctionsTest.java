package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Window functions run: pushed down to Clean Rooms inside the protected query where Calcite can write them, run by
 * Calcite over the pushed-down rows where it cannot (a frame such as {@code 2 PRECEDING}). Expected values are
 * worked out from the plain rows.
 */
@Timeout(120)
class WindowFunctionsTest {

  @Test
  void rowNumberOverAPartitionIsPushedDownAndNumbersEachPartition() throws SQLException {
    String sql = "SELECT segment, ROW_NUMBER() OVER (PARTITION BY segment ORDER BY customer_id) AS rn FROM customers";
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      assertTrue(plan(s, sql).contains("CleanRoomsWindow"), plan(s, sql));
      Map<String, Long> max = new TreeMap<>();
      long rows = 0;
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          max.merge(rs.getString(1), rs.getLong(2), Math::max);
          rows++;
        }
      }
      Map<String, Long> counts = counts(s);
      assertEquals(counts, max);
      assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(), rows);
    }
  }

  @Test
  void aFilterOverAWindowGoesAroundItAsASubquery() throws SQLException {
    String sql = "SELECT segment, COUNT(*) FROM (SELECT segment, ROW_NUMBER() OVER (PARTITION BY segment"
        + " ORDER BY lifetime_value DESC) AS rn FROM customers) t WHERE rn <= 3 GROUP BY segment";
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      Map<String, Long> expected = new TreeMap<>();
      counts(s).forEach((segment, n) -> expected.put(segment, Math.min(3, n)));
      Map<String, Long> got = new TreeMap<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          got.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertEquals(expected, got);
    }
  }

  @Test
  void aMovingAverageOverRowsRunsInCalciteOverThePushedDownRows() throws SQLException {
    String sql = "SELECT customer_id, SUM(lifetime_value) OVER (ORDER BY customer_id ROWS BETWEEN 2 PRECEDING"
        + " AND CURRENT ROW) FROM customers WHERE customer_id <= 50";
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      assertTrue(plan(s, sql).contains("EnumerableWindow"), plan(s, sql));
      List<BigDecimal> values = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT lifetime_value FROM customers WHERE customer_id <= 50"
          + " ORDER BY customer_id")) {
        while (rs.next()) {
          values.add(rs.getBigDecimal(1));
        }
      }
      List<BigDecimal> got = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql + " ORDER BY customer_id")) {
        while (rs.next()) {
          got.add(rs.getBigDecimal(2));
        }
      }
      assertEquals(values.size(), got.size());
      for (int i = 0; i < values.size(); i++) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = Math.max(0, i - 2); j <= i; j++) {
          sum = sum.add(values.get(j));
        }
        assertEquals(0, sum.compareTo(got.get(i)), "row " + i + ": " + sum + " vs " + got.get(i));
      }
    }
  }

  private static Map<String, Long> counts(Statement s) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (ResultSet rs = s.executeQuery("SELECT segment, COUNT(*) FROM customers GROUP BY segment")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static String plan(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
