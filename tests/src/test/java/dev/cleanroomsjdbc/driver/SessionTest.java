package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A read-only session as frameworks and tools drive it: manual-commit mode works and commit/rollback are harmless
 * (JDBC's no-transactions contract, as DBeaver, Spring's transaction manager and DB-API use it); client info is
 * kept, and an unknown name is a warning, not an exception without a SQLState.
 */
@Timeout(60)
class SessionTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void manualCommitModeRunsQueriesAndCommitAndRollbackDoNothing() throws Exception {
    try (Connection c = collaboration.connect()) {
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      assertEquals(2000L, count(c));
      c.commit();
      c.rollback();
      c.setAutoCommit(true);
      c.commit(); // as JDBC says for a source without transactions: a no-op
      assertTrue(c.getAutoCommit());
      assertFalse(c.getMetaData().supportsTransactions());
    }
  }

  @Test
  void theIsolationLevelIsNoneAndAskingForAnotherWarns() throws Exception {
    try (Connection c = collaboration.connect()) {
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      assertNull(c.getWarnings());
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      SQLWarning w = c.getWarnings();
      assertTrue(w != null && w.getMessage().contains("no transactions"), String.valueOf(w));
      c.clearWarnings();
      assertNull(c.getWarnings());
      assertThrows(SQLFeatureNotSupportedException.class, c::setSavepoint);
    }
  }

  @Test
  void clientInfoIsKeptAndAnUnknownNameWarns() throws Exception {
    try (Connection c = collaboration.connect()) {
      c.setClientInfo("ApplicationName", "DBeaver 24.3.0 - Main");
      c.setClientInfo("ClientUser", "analyst");
      assertEquals("DBeaver 24.3.0 - Main", c.getClientInfo("ApplicationName"));
      assertEquals("analyst", c.getClientInfo().getProperty("ClientUser"));
      c.setClientInfo("NoSuchName", "x");
      SQLWarning w = c.getWarnings();
      assertTrue(w != null && w.getMessage().contains("NoSuchName"), String.valueOf(w));
      assertEquals("01000", w.getSQLState());
      assertNull(c.getClientInfo("NoSuchName"));
      assertEquals(2000L, count(c), "requests after setClientInfo carry it in their user agent and still work");
      Properties replaced = new Properties();
      replaced.setProperty("ApplicationName", "Tableau");
      c.setClientInfo(replaced);
      assertEquals("Tableau", c.getClientInfo("ApplicationName"));
      assertNull(c.getClientInfo("ClientUser"), "setClientInfo(Properties) replaces what was set");
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getClientInfoProperties()) {
        while (rs.next()) {
          names.add(rs.getString("NAME"));
          assertTrue(rs.getInt("MAX_LEN") > 0);
        }
      }
      assertTrue(names.contains("ApplicationName"), names.toString());
    }
  }

  @Test
  void aConnectionIsReadOnlyWhateverIsAsked() throws Exception {
    try (Connection c = collaboration.connect()) {
      c.setReadOnly(false);
      assertTrue(c.isReadOnly());
      SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("DELETE FROM t"));
      assertEquals("0A000", e.getSQLState());
    }
  }

  private static long count(Connection c) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM demo.customers")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
