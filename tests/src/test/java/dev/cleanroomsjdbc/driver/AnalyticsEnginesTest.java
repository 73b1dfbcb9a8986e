package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same SQL on a SPARK and on a CLEAN_ROOMS_SQL collaboration: filters, projections, aggregates, joins, dates,
 * casts and limits pushed down in the engine's own dialect (the query the service received proves which), and
 * answered with the fixture's rows.
 */
@Timeout(180)
class AnalyticsEnginesTest {

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void aFilterAndAProjectionArePushedDownInTheEnginesDialect(EngineCollaboration engine) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT order_id, amount FROM " + engine.schema + ".orders WHERE channel = 'web' AND amount > 150")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    List<Long> expected = EngineRows.orders().stream()
        .filter(o -> o.channel().equals("web") && o.amount().compareTo(BigDecimal.valueOf(150)) > 0)
        .map(EngineRows.Order::orderId).toList();
    assertEquals(expected, ids.stream().sorted().toList());
    String sql = engine.lastQuery().sqlParameters().queryString();
    assertTrue(sql.contains("WHERE") && sql.contains(engine.identifierQuote + "channel" + engine.identifierQuote),
        sql);
    assertFalse(sql.indexOf(engine.otherQuote()) >= 0, sql);
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void anAggregateOverAJoinIsAnsweredByTheEngine(EngineCollaboration engine) throws Exception {
    Map<String, Long> byRegion = new TreeMap<>();
    try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT sh.region, COUNT(*) AS n, SUM(o.amount) AS total FROM " + engine.schema + ".orders o JOIN "
            + engine.schema + ".shoppers sh ON o.customer_id = sh.customer_id GROUP BY sh.region")) {
      while (rs.next()) {
        byRegion.put(rs.getString(1), rs.getLong(2));
      }
    }
    Map<Long, String> regions = EngineRows.shoppers().stream()
        .collect(Collectors.toMap(EngineRows.Shopper::customerId, EngineRows.Shopper::region));
    Map<String, Long> expected = EngineRows.orders().stream()
        .collect(Collectors.groupingBy(o -> regions.get(o.customerId()), TreeMap::new, Collectors.counting()));
    assertEquals(expected, byRegion);
    String sql = engine.lastQuery().sqlParameters().queryString();
    assertTrue(sql.contains("JOIN") && sql.contains("GROUP BY"), sql);
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void datesCastsAndBoundValuesBecomeLiteralsOfTheEngine(EngineCollaboration engine) throws Exception {
    long count;
    try (Connection c = engine.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM " + engine.schema + ".orders WHERE ordered_on >= ? AND CAST(amount AS INTEGER) > 20"
            + " AND channel <> ?")) {
      ps.setDate(1, Date.valueOf("2024-06-01"));
      ps.setString(2, "it's \\ not a channel");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        count = rs.getLong(1);
      }
    }
    long expected = EngineRows.orders().stream().filter(o -> !o.orderedOn().isBefore(LocalDate.parse("2024-06-01"))
        && o.amount().intValue() > 20).count();
    assertEquals(expected, count);
    String sql = engine.lastQuery().sqlParameters().queryString();
    assertTrue(sql.contains("DATE '2024-06-01'") && sql.contains("CAST("), sql);
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void anOrderedLimitIsPushedDown(EngineCollaboration engine) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT order_id FROM " + engine.schema + ".orders WHERE EXTRACT(MONTH FROM ordered_on) = 3"
            + " ORDER BY amount DESC, order_id LIMIT 5")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    List<Long> expected = EngineRows.orders().stream().filter(o -> o.orderedOn().getMonthValue() == 3)
        .sorted((a, b) -> a.amount().compareTo(b.amount()) != 0 ? b.amount().compareTo(a.amount())
            : Long.compare(a.orderId(), b.orderId()))
        .limit(5).map(EngineRows.Order::orderId).toList();
    assertEquals(expected, ids);
    String sql = engine.lastQuery().sqlParameters().queryString();
    assertTrue(sql.contains("LIMIT 5"), sql);
  }

  @ParameterizedTest
  @EnumSource(EngineCollaboration.class)
  void explainNamesTheDialectAndShowsItsSql(EngineCollaboration engine) throws Exception {
    try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "EXPLAIN PLAN FOR SELECT channel FROM " + engine.schema + ".orders WHERE amount > 10")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      String title = engine == EngineCollaboration.SPARK ? "Spark SQL" : "AWS Clean Rooms SQL";
      assertTrue(plan.contains("dialect=[" + title + "]") && plan.contains(engine.identifierQuote + "amount"),
          plan);
    }
  }
}
