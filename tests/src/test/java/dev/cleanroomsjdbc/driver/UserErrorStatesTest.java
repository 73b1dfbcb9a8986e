package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A caller's mistake comes back with the SQLState class of that mistake, never XX000 (an internal error). */
@Timeout(60)
class UserErrorStatesTest {
  private static final String VALUES = "SELECT * FROM (VALUES (1, 'a')) t(x, y)";

  private interface Misuse {
    void on(Connection c) throws SQLException;
  }

  private static void assertState(String state, Misuse misuse) throws SQLException {
    try (Connection c = TestCollaboration.shared().connect()) {
      SQLException e = assertThrows(SQLException.class, () -> misuse.on(c));
      assertEquals(state, e.getSQLState(), e.toString());
    }
  }

  @Test
  void readingAClosedResultSetIsAnInvalidCursorState() throws SQLException {
    assertState("24000", c -> {
      ResultSet rs = c.createStatement().executeQuery(VALUES);
      rs.close();
      rs.next();
    });
    assertState("24000", c -> {
      ResultSet rs = c.createStatement().executeQuery(VALUES);
      rs.next();
      rs.close();
      rs.getString(1);
    });
  }

  @Test
  void aColumnTheResultDoesNotHaveIsAnInvalidDescriptorIndex() throws SQLException {
    for (int column : new int[] {0, 3, -1, Integer.MAX_VALUE}) {
      assertState("07009", c -> {
        ResultSet rs = c.createStatement().executeQuery(VALUES);
        rs.next();
        rs.getString(column);
      });
    }
    assertState("07009", c -> {
      ResultSet rs = c.createStatement().executeQuery(VALUES);
      rs.next();
      rs.getObject("nope");
    });
    assertState("07009", c -> c.prepareStatement("SELECT * FROM (VALUES (1)) t(x) WHERE x = ?")
        .getParameterMetaData().getParameterType(2));
  }

  @Test
  void nullSqlIsAnInvalidParameterValue() throws SQLException {
    assertState("22023", c -> c.createStatement().execute(null));
    assertState("22023", c -> c.createStatement().executeQuery(null));
    assertState("22023", c -> c.prepareStatement(null));
    assertState("22023", c -> c.prepareCall(null));
  }

  @Test
  void aClosedStatementOrConnectionIsClosed() throws SQLException {
    assertState("08003", c -> {
      Statement s = c.createStatement();
      s.close();
      s.executeQuery(VALUES);
    });
    Connection closed = TestCollaboration.shared().connect();
    closed.close();
    SQLException e = assertThrows(SQLException.class, closed::createStatement);
    assertEquals("08003", e.getSQLState(), e.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pollMultiplier=NaN            | pollMultiplier",
      "pollMultiplier=0.5            | pollMultiplier",
      "maxRetries=2147483647         | maxRetries",
      "maxRetries=99999999999        | maxRetries",
      "pollInitialIntervalMs=0       | pollInitialIntervalMs",
      "connectTimeoutSeconds=0       | connectTimeoutSeconds",
      "reuseWindowSeconds=-1         | reuseWindowSeconds",
      "s3Endpoint=http://127.0.0.1:99999 | s3Endpoint",
      "stsEndpoint=ftp://127.0.0.1   | stsEndpoint",
      "region=a%20b                  | region",
      "region=%20                    | region"})
  void aNumberOrEndpointOutOfRangeIsRefusedNamingTheProperty(String pair, String property) {
    String url = TestCollaboration.shared().url() + "&" + pair;
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, new Properties()));
    assertEquals("08001", e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
  }

  @Test
  void aBlankRegionInTheUrlIsRefusedNamingTheRegion() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:cleanrooms://%20/m?credentials=STATIC", "AKIAX", "secret"));
    assertEquals("08001", e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains("'region'"), e.getMessage());
  }
}
