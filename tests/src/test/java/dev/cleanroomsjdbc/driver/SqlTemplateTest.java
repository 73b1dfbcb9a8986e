package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SQL analysis templates are procedures too: CALL runs a protected query with the template's typed parameters. */
@Timeout(120)
class SqlTemplateTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void callRunsAProtectedQueryWithTheGivenParameters() throws Exception {
    Map<String, Long> all = customersBySegment("CALL demo.customers_by_segment(min_value => 0, skip_segment => 'x')");
    assertEquals(2000L, all.values().stream().mapToLong(Long::longValue).sum(), all.toString());
    Map<String, Long> withoutVip = customersBySegment(
        "CALL demo.customers_by_segment(min_value => 0, skip_segment => 'vip')");
    assertEquals(all.size() - 1, withoutVip.size(), withoutVip.toString());
    Map<String, Long> richer = customersBySegment(
        "SELECT * FROM TABLE(demo.customers_by_segment(min_value => 1000, skip_segment => 'x'))");
    assertTrue(richer.values().stream().mapToLong(Long::longValue).sum() < 2000L, richer.toString());
  }

  @Test
  void anOmittedParameterTakesTheTemplatesDefault() throws Exception {
    Map<String, Long> byName = customersBySegment("CALL demo.customers_by_segment(skip_segment => 'x')");
    assertEquals(2000L, byName.values().stream().mapToLong(Long::longValue).sum(), byName.toString());
    Map<String, Long> byPosition = customersBySegment("CALL demo.customers_by_segment('x')");
    assertEquals(byName, byPosition);
  }

  @Test
  void aWrongArgumentTypeIsRejectedBeforeAnyQueryIsSubmitted() throws Exception {
    int before = collaboration.queryCount();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("CALL demo.customers_by_segment(min_value => 'many', skip_segment => 'x')"));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("min_value") && e.getMessage().contains("INTEGER"), e.getMessage());
      SQLException missing = assertThrows(SQLException.class,
          () -> s.executeQuery("CALL demo.customers_by_segment(min_value => 1)"));
      assertEquals("42000", missing.getSQLState(), missing.getMessage());
      assertTrue(missing.getMessage().contains("only allowed for optional parameters"), missing.getMessage());
    }
    assertEquals(before, collaboration.queryCount(), "no protected query was started");
  }

  @Test
  void procedureColumnsListTheParametersWithTheirTypesAndDefaults() throws Exception {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getProcedureColumns(null, "demo", "customers_by_segment", "%")) {
      assertTrue(rs.next(), "required parameters come first, so that optional ones can be left out");
      assertEquals("skip_segment", rs.getString("COLUMN_NAME"));
      assertEquals(java.sql.Types.VARCHAR, rs.getInt("DATA_TYPE"));
      assertEquals("NO", rs.getString("IS_NULLABLE"));
      assertEquals(1, rs.getInt("ORDINAL_POSITION"));
      assertTrue(rs.next());
      assertEquals("min_value", rs.getString("COLUMN_NAME"));
      assertEquals(java.sql.Types.INTEGER, rs.getInt("DATA_TYPE"));
      assertEquals("0", rs.getString("COLUMN_DEF"));
      assertEquals("YES", rs.getString("IS_NULLABLE"));
      assertEquals(2, rs.getInt("ORDINAL_POSITION"));
      assertTrue(!rs.next());
    }
  }

  private Map<String, Long> customersBySegment(String sql) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getString("segment"), rs.getLong("customers"));
      }
    }
    return rows;
  }
}
