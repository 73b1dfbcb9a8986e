package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the collaboration's rules already forbid fails before anything is submitted, naming the rule. */
@Timeout(120)
class PreflightTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void aTemplateThatATablesCustomRuleDoesNotAllowIsRefusedBeforeSubmitting() throws Exception {
    int jobsBefore = collaboration.jobs().size();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("CALL demo.restricted_job()"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("CUSTOM analysis rule of table restricted")
          && e.getMessage().contains("ANY_JOB"), e.getMessage());
    }
    assertEquals(jobsBefore, collaboration.jobs().size(), "no protected job was started");
  }

  @Test
  void aSelectWhoseOutputARuleDisallowsIsRefusedBeforeSubmittingWhileAnAggregateRuns() throws Exception {
    int queriesBefore = collaboration.queryCount();
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT customer_id FROM demo.restricted WHERE customer_id > 10"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("disallows output column customer_id"), e.getMessage());
      assertEquals(queriesBefore, collaboration.queryCount(), "no protected query was started");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) AS n FROM demo.restricted")) {
        assertTrue(rs.next());
        assertEquals(2000L, rs.getLong("n"));
      }
    }
  }

  @Test
  void aMemberWithoutCanRunJobIsRefusedBeforeSubmitting() throws Exception {
    try (Connection c = collaboration.connectAsPublisher(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("CALL demo.campaign_reach()"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("CAN_RUN_JOB"), e.getMessage());
    }
  }
}
