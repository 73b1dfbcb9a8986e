package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/**
 * SELECT over collaboration tables: Calcite plans it, the part Clean Rooms can run is pushed down whole as one
 * Spark SQL protected query, and whatever mixes in job results runs in the driver.
 */
@Timeout(180)
class SelectPushdownTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void anAggregationOverATableRunsAsOneProtectedQuery() throws Exception {
    Map<String, Long> bySegment = new HashMap<>();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT segment, COUNT(*) AS customers FROM demo.customers GROUP BY segment ORDER BY segment")) {
      while (rs.next()) {
        bySegment.put(rs.getString("segment"), rs.getLong("customers"));
      }
    }
    assertEquals(2000L, bySegment.values().stream().mapToLong(Long::longValue).sum(), bySegment.toString());
    String pushed = lastQuerySql();
    assertTrue(pushed.contains("GROUP BY") && pushed.contains("customers"), pushed);
  }

  @Test
  void aJoinOfTwoTablesIsPushedDownTogether() throws Exception {
    Map<String, Long> impressions = new HashMap<>();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT c.segment, COUNT(*) AS n FROM demo.impressions i"
            + " JOIN demo.customers c ON i.customer_id = c.customer_id GROUP BY c.segment")) {
      while (rs.next()) {
        impressions.put(rs.getString(1), rs.getLong(2));
      }
    }
    // the demo's segment_report job counts the same: 4,000 impressions of known customers per segment
    assertEquals(Map.of("lapsed", 4000L, "loyal", 4000L, "new", 4000L, "vip", 4000L), impressions);
    String pushed = lastQuerySql();
    assertTrue(pushed.contains("JOIN"), pushed);
  }

  @Test
  void explainShowsTheSqlPushedToCleanRooms() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT segment FROM demo.customers WHERE lifetime_value > 10")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("CleanRoomsToEnumerableConverter") && plan.contains("WHERE"), plan);
    }
  }

  @Test
  void aQueryMixingATableWithAJobsResultRunsTheTablePartRemotelyAndTheJoinLocally() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM demo.customers c"
            + " JOIN TABLE(demo.typed_rows()) t ON c.customer_id = t.id")) {
      assertTrue(rs.next());
      assertEquals(2000L, rs.getLong(1), "customers 1..2000 all match a typed row id");
    }
  }

  private String lastQuerySql() {
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      String id = client.listProtectedQueries(b -> b.membershipIdentifier(collaboration.membershipId()))
          .protectedQueries().get(0).id();
      return client.getProtectedQuery(b -> b.membershipIdentifier(collaboration.membershipId())
          .protectedQueryIdentifier(id)).protectedQuery().sqlParameters().queryString();
    }
  }
}
