package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jdbc:cleanrooms:local} starts the local Clean Rooms in-process and opens the demo collaboration. */
@Timeout(120)
class LocalUrlTest {

  @Test
  void theLocalUrlRunsADemoTemplateWithNoAccountNoNetworkAndNoDocker() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:cleanrooms:local");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CALL demo.campaign_reach()")) {
      Set<String> campaigns = new HashSet<>();
      while (rs.next()) {
        campaigns.add(rs.getString(1));
        assertTrue(rs.getLong("impressions") > 0);
      }
      assertTrue(campaigns.size() > 1, campaigns.toString());
    }
  }

  @Test
  void twoLocalConnectionsShareOneLocalCleanRooms() throws Exception {
    try (Connection a = DriverManager.getConnection("jdbc:cleanrooms:local");
        Connection b = DriverManager.getConnection("jdbc:cleanrooms:local")) {
      assertEquals(a.getMetaData().getUserName(), b.getMetaData().getUserName());
    }
  }
}
