package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.execution.JobProgress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;

/**
 * What a statement cost, where the person who ran it sees it: a SQLWarning when each protected query or job ends,
 * the progress listener's last report, and the system tables' rows per query and job with the member who pays.
 */
@Timeout(180)
class CostInPlainSightTest {
  private final EngineCollaboration engine = EngineCollaboration.SPARK;

  @Test
  void aQueryEndsWithItsDurationAndBilledUnitsAsAWarningOnTheStatement() throws Exception {
    List<String> warnings;
    try (Connection c = engine.connect(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT channel, COUNT(*) FROM " + engine.schema + ".orders GROUP BY channel").close();
      warnings = messages(s.getWarnings());
    }
    ProtectedQuery query = engine.lastQuery();
    String expected = "Protected query " + query.id() + " ended SUCCESS: " + cost(
        query.statistics().totalDurationInMillis(), query.statistics().billedResourceUtilization().units());
    assertTrue(warnings.contains(expected), warnings + " has " + expected);
  }

  @Test
  void theProgressListenerHearsTheCostWhenTheRunEnds() throws Exception {
    List<JobProgress> reports = new CopyOnWriteArrayList<>();
    try (Connection c = engine.connect(); Statement s = c.createStatement()) {
      s.unwrap(CleanRoomsStatement.class).setProgressListener(reports::add);
      s.executeQuery("SELECT COUNT(*) FROM " + engine.schema + ".orders WHERE amount > 10").close();
    }
    ProtectedQuery query = engine.lastQuery();
    JobProgress last = reports.get(reports.size() - 1);
    assertEquals(query.id(), last.id());
    assertEquals("SUCCESS", last.status());
    assertNotNull(last.statistics(), last.toString());
    assertEquals(query.statistics().totalDurationInMillis(), last.statistics().totalDurationMillis());
    assertEquals(query.statistics().billedResourceUtilization().units(), last.statistics().billedUnits());
    assertTrue(reports.subList(0, reports.size() - 1).stream().allMatch(p -> p.statistics() == null),
        "no cost before the end: " + reports);
  }

  @Test
  void aFailedQueryStillTellsWhatItCost() throws Exception {
    EngineCollaboration sql = EngineCollaboration.CLEAN_ROOMS_SQL;
    List<String> warnings;
    try (Connection c = sql.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT CAST(channel AS INTEGER) FROM " + sql.schema + ".orders")) {
          while (rs.next()) {
            rs.getInt(1);
          }
        }
      });
      assertEquals("38000", e.getSQLState(), e.getMessage());
      warnings = messages(s.getWarnings());
    }
    ProtectedQuery query = sql.lastQuery();
    assertTrue(warnings.contains("Protected query " + query.id() + " ended FAILED: " + cost(
        query.statistics().totalDurationInMillis(), query.statistics().billedResourceUtilization().units())),
        warnings.toString());
  }

  @Test
  void aJobsCostIsAWarningToo() throws Exception {
    TestCollaboration demo = TestCollaboration.shared();
    List<String> warnings;
    String jobId;
    try (Connection c = demo.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.two_results()").close();
      jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
      warnings = messages(s.getWarnings());
    }
    try (CleanRoomsClient client = demo.advertiserClient()) {
      ProtectedJob job = client.getProtectedJob(b -> b.membershipIdentifier(demo.membershipId())
          .protectedJobIdentifier(jobId)).protectedJob();
      assertTrue(warnings.contains("Protected job " + jobId + " ended SUCCESS: " + cost(
          job.statistics().totalDurationInMillis(), job.statistics().billedResourceUtilization().units())),
          warnings.toString());
    }
  }

  @Test
  void theSystemTablesShowEachQuerysCostAndTheMemberWhoPays() throws Exception {
    try (Connection c = engine.connect(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT order_id FROM " + engine.schema + ".orders WHERE order_id < 3").close();
      ProtectedQuery query = engine.lastQuery();
      try (ResultSet rs = s.executeQuery("SELECT status, total_duration_ms, billed_units, payer_account_id,"
          + " query_string FROM cleanrooms.protected_queries WHERE query_id = '" + query.id() + "'")) {
        assertTrue(rs.next(), "the query is listed");
        assertEquals("SUCCESS", rs.getString(1));
        assertEquals(query.statistics().totalDurationInMillis(), rs.getLong(2));
        assertEquals(query.statistics().billedResourceUtilization().units(), rs.getDouble(3), 0.0);
        assertEquals(EngineCollaboration.BRAND_ACCOUNT, rs.getString(4), "the creator who can query pays");
        assertEquals(query.sqlParameters().queryString(), rs.getString(5));
      }
    }
  }

  @Test
  void theSystemTablesShowEachJobsCostAndTheMemberWhoPays() throws Exception {
    TestCollaboration demo = TestCollaboration.shared();
    try (Connection c = demo.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.two_results()").close();
      String jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
      try (ResultSet rs = s.executeQuery("SELECT billed_units, payer_account_id FROM cleanrooms.protected_jobs"
          + " WHERE job_id = '" + jobId + "'")) {
        assertTrue(rs.next(), "the job is listed");
        assertTrue(rs.getDouble(1) > 0, "billed CRPU-hours: " + rs.getDouble(1));
        assertEquals(dev.cleanroomsjdbc.local.DemoCollaboration.ADVERTISER_ACCOUNT, rs.getString(2));
      }
    }
  }

  /** The cost as the driver words it, from the service's own statistics. */
  private static String cost(long millis, double units) {
    return String.format(Locale.ROOT, "ran %.3f s, billed %.6f CRPU-hours", millis / 1000.0, units);
  }

  private static List<String> messages(SQLWarning warning) {
    List<String> out = new ArrayList<>();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      out.add(w.getMessage());
    }
    return out;
  }
}
