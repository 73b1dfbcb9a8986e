package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryStatus;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * What each engine refuses, and where: the analysis rules' query shapes refused by the driver before anything is
 * submitted (42501, naming the rule and the shapes it allows) and by the local Clean Rooms as the service does;
 * Spark SQL's forms refused by a CLEAN_ROOMS_SQL collaboration; what a dialect cannot write kept in Calcite.
 */
@Timeout(180)
class EngineRulesTest {

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void selectStarOnAnAggregationTableIsRefusedBeforeSubmittingWithTheShapesItAllows(EngineCollaboration engine)
      throws Exception {
    int before = engine.queryCount();
    SQLException e = refused(engine, "SELECT * FROM " + engine.schema + ".visits");
    assertTrue(e.getMessage().contains("AGGREGATION analysis rule of table visits")
        && e.getMessage().contains("SUM(seconds)") && e.getMessage().contains("COUNT(DISTINCT customer_id)")
        && e.getMessage().contains("GROUP BY") && e.getMessage().contains("fewer than 2 distinct customer_id"),
        e.getMessage());
    assertEquals(before, engine.queryCount(), "nothing was submitted");
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void anAggregateFunctionTheRuleDoesNotListIsRefusedBeforeSubmitting(EngineCollaboration engine) throws Exception {
    int before = engine.queryCount();
    SQLException max = refused(engine,
        "SELECT region, MAX(seconds) FROM " + engine.schema + ".visits GROUP BY region");
    assertTrue(max.getMessage().contains("MAX of column seconds"), max.getMessage());
    SQLException countStar = refused(engine, "SELECT region, COUNT(*) FROM " + engine.schema + ".visits GROUP BY region");
    assertTrue(countStar.getMessage().contains("COUNT(*)"), countStar.getMessage());
    assertEquals(before, engine.queryCount(), "nothing was submitted");
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void aListTableReadAloneIsRefusedBeforeSubmitting(EngineCollaboration engine) throws Exception {
    SQLException e = refused(engine, "SELECT * FROM " + engine.schema + ".tiers");
    assertTrue(e.getMessage().contains("LIST analysis rule of table tiers") && e.getMessage().contains("INNER JOIN"),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void anAggregationTheRuleAllowsIsAnswered(EngineCollaboration engine) throws Exception {
    Map<String, Double> seconds = new TreeMap<>();
    try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT region, SUM(seconds) AS total FROM " + engine.schema + ".visits GROUP BY region")) {
      while (rs.next()) {
        seconds.put(rs.getString(1), rs.getDouble(2));
      }
    }
    Map<String, Double> expected = EngineRows.visits().stream().collect(Collectors.groupingBy(
        EngineRows.Visit::region, TreeMap::new, Collectors.summingDouble(EngineRows.Visit::seconds)));
    assertEquals(expected.keySet(), seconds.keySet());
    expected.forEach((region, total) -> assertEquals(total, seconds.get(region), 1e-6, region));
  }

  @Test
  void theLocalCleanRoomsRefusesTheShapeAsTheServiceDoesInBothDialects() {
    for (EngineCollaboration engine : EngineCollaboration.values()) {
      try (CleanRoomsClient client = engine.client()) {
        ValidationException e = assertThrows(ValidationException.class, () -> client.startProtectedQuery(b -> b
            .membershipIdentifier(engine.membershipId()).type("SQL")
            .sqlParameters(p -> p.queryString("SELECT * FROM visits"))));
        assertTrue(e.getMessage().contains("Aggregation analysis rule of table visits"), e.getMessage());
      }
    }
    ProtectedQuery quoted = runDirectly(EngineCollaboration.CLEAN_ROOMS_SQL,
        "SELECT \"region\", SUM(\"seconds\") FROM \"visits\" GROUP BY \"region\"");
    assertEquals(ProtectedQueryStatus.SUCCESS, quoted.status(), String.valueOf(quoted.error()));
  }

  @Test
  void aCleanRoomsSqlCollaborationFailsSparkSqlsBackQuotesWhereSparkRunsThem() {
    String sparkSql = "SELECT `channel`, COUNT(*) FROM orders GROUP BY `channel`";
    ProtectedQuery spark = runDirectly(EngineCollaboration.SPARK, sparkSql);
    assertEquals(ProtectedQueryStatus.SUCCESS, spark.status(), String.valueOf(spark.error()));
    ProtectedQuery cleanRoomsSql = runDirectly(EngineCollaboration.CLEAN_ROOMS_SQL, sparkSql);
    assertEquals(ProtectedQueryStatus.FAILED, cleanRoomsSql.status());
    assertEquals("MALFORMED_QUERY", cleanRoomsSql.error().code());
    assertTrue(cleanRoomsSql.error().message().contains("double quotes"), cleanRoomsSql.error().message());
  }

  @Test
  void whatCleanRoomsSqlCannotWriteStaysInCalcitesPlanAndGivesTheSameRows() throws Exception {
    String query = " FROM %s.orders WHERE ordered_on + INTERVAL '30' DAY > DATE '2024-12-01'";
    long spark = count(EngineCollaboration.SPARK, "SELECT COUNT(*)" + query);
    long cleanRoomsSql = count(EngineCollaboration.CLEAN_ROOMS_SQL, "SELECT COUNT(*)" + query);
    long expected = EngineRows.orders().stream()
        .filter(o -> o.orderedOn().plusDays(30).isAfter(java.time.LocalDate.parse("2024-12-01"))).count();
    assertEquals(expected, spark);
    assertEquals(expected, cleanRoomsSql);
    String sparkPlan = plan(EngineCollaboration.SPARK, "SELECT order_id" + query);
    String sqlPlan = plan(EngineCollaboration.CLEAN_ROOMS_SQL, "SELECT order_id" + query);
    assertTrue(sparkPlan.contains("WHERE") && !sparkPlan.contains("$condition"), sparkPlan);
    assertTrue(sqlPlan.contains("$condition") && !sqlPlan.substring(sqlPlan.indexOf("sql=")).contains("WHERE"),
        "the filter is Calcite's: " + sqlPlan);
  }

  private static SQLException refused(EngineCollaboration engine, String sql) throws SQLException {
    try (Connection c = engine.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql).close());
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertFalse(e.getMessage().contains("null"), e.getMessage());
      return e;
    }
  }

  private static long count(EngineCollaboration engine, String sql) throws SQLException {
    try (Connection c = engine.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(String.format(sql, engine.schema))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String plan(EngineCollaboration engine, String sql) throws SQLException {
    try (Connection c = engine.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + String.format(sql, engine.schema))) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs SQL text as a protected query through the SDK client, as any client of the service would. */
  private static ProtectedQuery runDirectly(EngineCollaboration engine, String sql) {
    try (CleanRoomsClient client = engine.client()) {
      String id = client.startProtectedQuery(b -> b.membershipIdentifier(engine.membershipId()).type("SQL")
          .sqlParameters(p -> p.queryString(sql))).protectedQuery().id();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (true) {
        ProtectedQuery q = client.getProtectedQuery(b -> b.membershipIdentifier(engine.membershipId())
            .protectedQueryIdentifier(id)).protectedQuery();
        if (q.status() != ProtectedQueryStatus.SUBMITTED && q.status() != ProtectedQueryStatus.STARTED
            || Instant.now().isAfter(deadline)) {
          return q;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return q;
        }
      }
    }
  }
}
