package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/**
 * Parameters wherever a value can stand: bound into pushed-down SQL as typed literals of the collaboration's
 * dialect, as template arguments (positional and named), in system tables; typed ParameterMetaData; and no
 * statement reaching Clean Rooms with a {@code ?} in it.
 */
@Timeout(180)
class ParametersTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void aBoundValueInAPushedDownFilterReturnsTheRowsItSelects() throws Exception {
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT segment, COUNT(*) AS n FROM demo.customers WHERE segment = ? GROUP BY segment")) {
      for (String segment : new String[] {"vip", "new"}) {
        ps.setString(1, segment);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), segment);
          assertEquals(segment, rs.getString(1));
          assertEquals(500L, rs.getLong(2), segment);
          assertFalse(rs.next());
        }
        String pushed = lastQuerySql();
        assertFalse(pushed.contains("?"), pushed);
        assertTrue(pushed.contains("'" + segment + "'"), pushed);
      }
    }
  }

  @Test
  void aValueThatLooksLikeSqlIsMatchedAsTextAndChangesNothing() throws Exception {
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM demo.customers WHERE segment = ?")) {
      for (String attack : new String[] {"vip' OR 'a'='a", "vip\\' OR 1=1 --", "x'); DROP TABLE customers; --"}) {
        ps.setString(1, attack);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(0L, rs.getLong(1), attack);
        }
      }
    }
  }

  @Test
  void datesNumbersAndJavaTimeValuesAreBoundAsTypedLiterals() throws Exception {
    long expected;
    try (Connection c = collaboration.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM demo.customers WHERE signup_date >= DATE '2023-06-01' AND lifetime_value > 100")) {
      assertTrue(rs.next());
      expected = rs.getLong(1);
    }
    assertTrue(expected > 0 && expected < 2000, "a filter that selects some rows: " + expected);
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM demo.customers WHERE signup_date >= ? AND lifetime_value > ?")) {
      Object[][] bindings = {
          {LocalDate.of(2023, 6, 1), 100},
          {java.sql.Date.valueOf("2023-06-01"), new BigDecimal("100.00")},
          {"2023-06-01", "100"},
      };
      for (Object[] b : bindings) {
        ps.setObject(1, b[0]);
        ps.setObject(2, b[1]);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(expected, rs.getLong(1), b[0].getClass().getSimpleName());
        }
      }
      assertTrue(lastQuerySql().contains("DATE '2023-06-01'"), lastQuerySql());
    }
  }

  @Test
  void aTimestampParameterFiltersATimestampColumn() throws Exception {
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM demo.impressions WHERE shown_at < ?")) {
      ps.setObject(1, LocalDateTime.of(1970, 1, 1, 0, 0));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0L, rs.getLong(1));
      }
      ps.setObject(1, LocalDateTime.of(2999, 1, 1, 0, 0));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 0);
      }
      assertTrue(lastQuerySql().contains("TIMESTAMP '2999-01-01 00:00:00"), lastQuerySql());
    }
  }

  @Test
  void aLimitParameterIsBound() throws Exception {
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT customer_id FROM demo.customers ORDER BY customer_id LIMIT ?")) {
      ps.setInt(1, 3);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
        }
      }
      assertEquals(3, n);
    }
  }

  @Test
  void anUnboundParameterFailsBeforeAnythingIsSubmitted() throws Exception {
    int before = collaboration.queryCount();
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM demo.customers WHERE segment = ? AND lifetime_value > ?")) {
      ps.setString(1, "vip");
      SQLException e = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
      try (Statement s = c.createStatement()) {
        SQLException plain = assertThrows(SQLException.class,
            () -> s.executeQuery("SELECT COUNT(*) FROM demo.customers WHERE segment = ?"));
        assertEquals("42000", plain.getSQLState(), plain.getMessage());
      }
    }
    assertEquals(before, collaboration.queryCount(), "no protected query was started");
  }

  @Test
  void templateArgumentsAreBoundByPositionAndByName() throws Exception {
    Map<String, Long> byName;
    Map<String, Long> byPosition;
    try (Connection c = collaboration.connect()) {
      try (PreparedStatement ps = c.prepareStatement(
          "CALL demo.customers_by_segment(min_value => ?, skip_segment => ?)")) {
        ps.setInt(1, 0);
        ps.setString(2, "vip");
        byName = segments(ps);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM TABLE(demo.customers_by_segment(?, ?))")) {
        ps.setString(1, "vip"); // required parameters come first
        ps.setLong(2, 0L);
        byPosition = segments(ps);
      }
    }
    assertEquals(Map.of("lapsed", 500L, "loyal", 500L, "new", 500L), byName);
    assertEquals(byName, byPosition);
  }

  @Test
  void aTemplateArgumentOfTheWrongTypeIsRefusedBeforeAnyQueryIsSubmitted() throws Exception {
    int before = collaboration.queryCount();
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareCall(
        "{call demo.customers_by_segment(min_value => ?, skip_segment => ?)}")) {
      ps.setString(1, "many");
      ps.setString(2, "vip");
      SQLException e = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("min_value"), e.getMessage());
    }
    assertEquals(before, collaboration.queryCount());
  }

  @Test
  void parameterMetaDataIsTypedFromTheTableOrTheTemplate() throws Exception {
    try (Connection c = collaboration.connect()) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM demo.customers WHERE segment = ? AND signup_date >= ? AND lifetime_value > ?")) {
        ParameterMetaData md = ps.getParameterMetaData();
        assertEquals(3, md.getParameterCount());
        assertEquals(Types.VARCHAR, md.getParameterType(1));
        assertEquals(Types.DATE, md.getParameterType(2));
        assertEquals(Types.DECIMAL, md.getParameterType(3));
        assertEquals("DECIMAL", md.getParameterTypeName(3));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "CALL demo.customers_by_segment(min_value => ?, skip_segment => ?)")) {
        ParameterMetaData md = ps.getParameterMetaData();
        assertEquals(2, md.getParameterCount());
        assertEquals(Types.INTEGER, md.getParameterType(1));
        assertEquals("INTEGER", md.getParameterTypeName(1));
        assertEquals(ParameterMetaData.parameterNullable, md.isNullable(1), "min_value has a default");
        assertEquals(Types.VARCHAR, md.getParameterType(2));
        assertEquals(ParameterMetaData.parameterNoNulls, md.isNullable(2));
        assertEquals(ParameterMetaData.parameterModeIn, md.getParameterMode(2));
      }
    }
  }

  @Test
  void aSystemTableTakesParametersToo() throws Exception {
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT name, format FROM cleanrooms.analysis_templates WHERE name = ?")) {
      ps.setString(1, "customers_by_segment");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("SQL", rs.getString("format"));
        assertFalse(rs.next());
      }
    }
  }

  private static Map<String, Long> segments(PreparedStatement ps) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.put(rs.getString("segment"), rs.getLong("customers"));
      }
    }
    return rows;
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
