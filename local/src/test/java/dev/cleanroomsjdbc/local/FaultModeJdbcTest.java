package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.faults.Faults;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver through the fault mode: its SDK retries carry a query through throttling, and give up with 53400. */
@Timeout(60)
class FaultModeJdbcTest {
  private static final Faults SOME_THROTTLING = Faults.none().withThrottleRate(0.3).withSeed(42);

  private static LocalCleanRooms local;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).faults(SOME_THROTTLING).start();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void aTemplateCallReturnsEveryRowDespiteThrottling() throws SQLException {
    local.faults(SOME_THROTTLING);
    Set<String> campaigns = new HashSet<>();
    int rows = 0;
    try (Connection c = DriverManager.getConnection(url(5), secret());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CALL demo.campaign_reach()")) {
      while (rs.next()) {
        rows++;
        campaigns.add(rs.getString("campaign"));
      }
    }
    assertEquals(4, rows);
    assertEquals(4, campaigns.size(), campaigns.toString());
  }

  @Test
  void throttlingBeyondTheRetriesFailsTheConnectionWithSqlState53400() {
    local.faults(Faults.none().withThrottleRate(1.0));
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url(1), secret()).close());
    assertEquals("53400", e.getSQLState());
    assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
  }

  private static String url(int maxRetries) {
    DemoCollaboration.Demo demo = local.demo().orElseThrow();
    return "jdbc:cleanrooms://" + DemoCollaboration.REGION + "/" + demo.advertiserMembershipId()
        + "?cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint()
        + "&credentials=STATIC&accessKeyId=" + DemoCollaboration.ADVERTISER_ACCESS_KEY
        + "&maxRetries=" + maxRetries;
  }

  private static Properties secret() {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", DemoCollaboration.ADVERTISER_SECRET);
    return p;
  }
}
