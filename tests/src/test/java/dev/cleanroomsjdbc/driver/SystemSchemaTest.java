package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The collaboration itself, queried as the tables of the {@code cleanrooms} schema. */
@Timeout(120)
class SystemSchemaTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void protectedJobsListsTheJobsThisMembershipRanWithTheirStatus() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.two_results()").close();
      String jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
      try (ResultSet rs = s.executeQuery(
          "SELECT status, create_time, total_duration_ms, result_location FROM cleanrooms.protected_jobs"
              + " WHERE job_id = '" + jobId + "'")) {
        assertTrue(rs.next(), "the job is listed");
        assertEquals("SUCCESS", rs.getString("status"));
        assertTrue(rs.getTimestamp("create_time").getTime() > 0);
        assertTrue(rs.getLong("total_duration_ms") >= 0 && !rs.wasNull(), "statistics are there");
        assertTrue(rs.getString("result_location").contains(jobId), rs.getString("result_location"));
      }
    }
  }

  @Test
  void membershipsQueriesAndAnalysisRulesAreTablesToo() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.customers_by_segment(skip_segment => 'x')").close();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cleanrooms.protected_queries WHERE status = 'SUCCESS'")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) >= 1, "the template's query is listed");
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT member_abilities FROM cleanrooms.memberships WHERE membership_id = '" + collaboration.membershipId()
              + "'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("CAN_QUERY"), rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT rule_type, policy FROM cleanrooms.analysis_rules WHERE table_name = 'restricted'")) {
        assertTrue(rs.next());
        assertEquals("CUSTOM", rs.getString(1));
        assertTrue(rs.getString(2).contains("ANY_QUERY"), rs.getString(2));
      }
    }
  }

  @Test
  void membersShowEachAccountWithItsAbilities() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account_id, abilities FROM cleanrooms.members")) {
      Map<String, String> abilities = new HashMap<>();
      while (rs.next()) {
        abilities.put(rs.getString(1), rs.getString(2));
      }
      assertEquals(Set.of("111111111111", "222222222222"), abilities.keySet());
      assertTrue(abilities.get("111111111111").contains("CAN_RUN_JOB"), abilities.toString());
    }
  }

  @Test
  void templatesAndTablesAreListedWithTheirFormatAndAnalysisMethod() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      Set<String> templates = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT name, format FROM cleanrooms.analysis_templates")) {
        while (rs.next()) {
          templates.add(rs.getString("name") + ":" + rs.getString("format"));
        }
      }
      assertTrue(templates.contains("campaign_reach:PYSPARK_1_0"), templates.toString());
      try (ResultSet rs = s.executeQuery(
          "SELECT analysis_method FROM cleanrooms.collaboration_tables WHERE name = 'impressions'")) {
        assertTrue(rs.next());
        assertTrue(Set.of("DIRECT_JOB", "MULTIPLE").contains(rs.getString(1)), rs.getString(1));
      }
    }
  }
}
