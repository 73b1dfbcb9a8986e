package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SQL that BI tools and Spark write around a query: Tableau's generic dialect (TOP n, TO_DATE/TO_TIMESTAMP
 * literals, its CAST forms, boolean literals as comparisons), a CALL or TABLE(template()) inside a subquery, schema
 * probes that must start nothing, and one client action never paying for a template twice.
 */
@Timeout(180)
class ToolFormsTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void tableausGenericDialectRuns() throws Exception {
    try (Connection c = collaboration.connect()) {
      assertEquals(3, collaboration.rowCount(c, "SELECT TOP 3 \"customers\".\"segment\" AS \"segment\""
          + " FROM \"demo\".\"customers\" \"customers\" ORDER BY 1"));
      assertEquals(2, collaboration.rowCount(c, "SELECT DISTINCT TOP 2 segment FROM demo.customers"));
      assertEquals(1, collaboration.rowCount(c, "SELECT * FROM (SELECT TOP 1 customer_id FROM demo.customers) t"));
      long fromLiteral = count(c, "SELECT COUNT(*) FROM demo.customers WHERE signup_date >= DATE '2023-06-01'");
      assertEquals(fromLiteral, count(c, "SELECT COUNT(*) FROM demo.customers"
          + " WHERE signup_date >= TO_DATE('2023-06-01', 'yyyy-MM-dd') AND (1=1)"));
      assertEquals(0L, count(c, "SELECT COUNT(*) FROM demo.impressions"
          + " WHERE shown_at < TO_TIMESTAMP('1970-01-02 00:00:00', 'yyyy-MM-dd HH:mm:ss') OR (1=0)"));
      assertEquals(4L, count(c, "SELECT COUNT(DISTINCT segment) FROM demo.customers WHERE"
          + " CAST(lifetime_value AS NUMERIC(18, 0)) >= 0 AND CAST(customer_id AS DOUBLE PRECISION) > 0"
          + " AND CAST(customer_id AS INTEGER) > 0 AND CAST(signup_date AS TIMESTAMP) > TIMESTAMP '2000-01-01 00:00:00'"));
    }
  }

  @Test
  void aCallOrATableFunctionInsideASubqueryIsReadLikeATable() throws Exception {
    try (Connection c = collaboration.connect()) {
      // Spark's JDBC source with the query option, and Tableau's custom SQL, wrap the statement like this
      assertEquals(4, collaboration.rowCount(c, "SELECT * FROM (CALL demo.campaign_reach()) SPARK_GEN_SUBQ_0"));
      assertEquals(4, collaboration.rowCount(c, "SELECT \"Custom SQL Query\".\"campaign\" AS \"campaign\" FROM ("
          + "{call demo.campaign_reach()}) \"Custom SQL Query\""));
      assertEquals(3, collaboration.rowCount(c, "SELECT q.segment FROM (CALL demo.customers_by_segment("
          + "skip_segment => 'vip')) q"));
      assertEquals(4, collaboration.rowCount(c, "SELECT * FROM (SELECT * FROM TABLE(demo.campaign_reach())) t"));
    }
  }

  @Test
  void aSchemaProbeOfATableStartsNoQuery() throws Exception {
    int before = collaboration.queryCount();
    try (Connection c = collaboration.connect()) {
      for (String probe : List.of("SELECT * FROM demo.customers WHERE 1=0", "SELECT * FROM demo.customers LIMIT 0",
          "SELECT * FROM (SELECT segment, COUNT(*) AS n FROM demo.customers GROUP BY segment) SPARK_GEN_SUBQ_0"
              + " WHERE 1=0", "SELECT TOP 0 * FROM demo.impressions")) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
          assertTrue(rs.getMetaData().getColumnCount() >= 2, probe);
          assertTrue(!rs.next(), probe);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM demo.customers")) {
        assertEquals(4, ps.getMetaData().getColumnCount(), "Tableau reads a prepared query's columns");
      }
    }
    assertEquals(before, collaboration.queryCount(), "the shapes are known from metadata: nothing ran");
  }

  @Test
  void aSchemaProbeThenTheReadOfATemplateRunItOnce() throws Exception {
    int before = collaboration.jobs().size();
    String probed;
    try (Connection probe = collaboration.connectReusing(); PreparedStatement ps = probe.prepareStatement(
        "SELECT * FROM (CALL demo.segment_report()) SPARK_GEN_SUBQ_0 WHERE 1=0")) {
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.getMetaData().getColumnCount() > 0);
      }
      probed = ps.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
    }
    List<SQLWarning> warnings = new ArrayList<>();
    String read;
    try (Connection other = collaboration.connectReusing(); Statement s = other.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT * FROM (CALL demo.segment_report()) SPARK_GEN_SUBQ_0")) {
        assertTrue(rs.next());
        warnings.add(rs.getWarnings());
      }
      warnings.add(s.getWarnings());
      read = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
    }
    assertEquals(probed, read, "the read, on another connection, reused the probe's job");
    assertTrue(collaboration.jobs().size() <= before + 1, "at most the probe ran a job");
    for (SQLWarning w : warnings) {
      assertTrue(w != null && w.getMessage().contains("reuseWindowSeconds") && w.getMessage().contains(read),
          String.valueOf(w));
    }
  }

  @Test
  void anIdenticalCallWithinTheWindowReadsTheLastResultAndADifferentOneRuns() throws Exception {
    int before = collaboration.queryCount();
    try (Connection c = collaboration.connectReusing(); Statement s = c.createStatement()) {
      String call = "CALL demo.customers_by_segment(min_value => 700, skip_segment => 'new')";
      long first = collaboration.rowCount(c, call);
      try (ResultSet rs = s.executeQuery(call)) {
        long again = 0;
        while (rs.next()) {
          again++;
        }
        assertEquals(first, again);
      }
      assertTrue(s.getWarnings().getMessage().contains("read again"), s.getWarnings().getMessage());
      assertEquals(before + 1, collaboration.queryCount());
      s.executeQuery("CALL demo.customers_by_segment(min_value => 701, skip_segment => 'new')").close();
      assertFalse(readAgain(s.getWarnings()), "other arguments: a new run");
      assertEquals(before + 2, collaboration.queryCount());
    }
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.customers_by_segment(min_value => 700, skip_segment => 'new')").close();
      assertFalse(readAgain(s.getWarnings()), "reuseWindowSeconds=0 runs every call");
      assertEquals(before + 3, collaboration.queryCount());
    }
  }

  @Test
  void anErrorPointsIntoTheTextTheUserTypedNotTheRewrittenOne() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      java.sql.SQLException call = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
          () -> s.executeQuery("CALL demo.no_such_template()"));
      assertTrue(call.getMessage().contains("line 1, column 11 to line 1, column 28"), call.getMessage());
      java.sql.SQLException top = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
          () -> s.executeQuery("SELECT TOP 3 no_such_column FROM demo.customers"));
      assertTrue(top.getMessage().contains("line 1, column 14"), top.getMessage());
    }
    try (Connection c = collaboration.connect(); PreparedStatement ps = c.prepareStatement(
        "CALL demo.customers_by_segment(skip_segment => ?, no_such_parameter => 1)")) {
      ps.setString(1, "a much longer value than the marker it replaces");
      java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
          ps::executeQuery);
      // the call runs from the name to its parenthesis in what the user wrote, whatever length the value had
      assertTrue(e.getMessage().contains("line 1, column 11 to line 1, column 73"), e.getMessage());
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether a warning of the chain says a result was read again (a new run's only warning is what it cost). */
  private static boolean readAgain(SQLWarning warnings) {
    for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
      if (w.getMessage().contains("read again")) {
        return true;
      }
    }
    return false;
  }
}
