import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A program with SLF4J of its own (slf4j-simple at debug level, on stderr) and the driver jar on its class path,
 * as in Spark or a Spring application: the driver's records go to that SLF4J.
 *
 * <p>Arguments: the JDBC URL of a standalone local Clean Rooms, its secret access key.
 */
public class Slf4jHost {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("password", args[1]);
    try (Connection c = DriverManager.getConnection(args[0], props);
        ResultSet rs = c.createStatement().executeQuery("CALL demo.campaign_reach()")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("campaign") + ":" + rs.getLong("reached_customers"));
      }
      System.out.println("call=" + String.join(",", rows));
    }
  }
}
