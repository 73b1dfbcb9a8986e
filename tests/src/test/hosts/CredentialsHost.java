import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connects once per case, with the credentials and region the case's URL and properties ask for, in a JVM whose
 * environment (HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_STS...) the test set: what a user's shell gives a tool.
 * Prints {@code <case>.user=<the connection's membership>} and {@code <case>.url=<getURL()>}, or
 * {@code <case>.state=} and {@code <case>.message=} when getConnection fails; anything else but an SQLException
 * escaping the driver fails the program.
 *
 * <p>Argument: a file of cases, one a line: {@code name|url|key=value&key=value}.
 */
public class CredentialsHost {
  public static void main(String[] args) throws Exception {
    Class.forName("dev.cleanroomsjdbc.driver.CleanRoomsDriver");
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\\|", -1);
      Properties props = new Properties();
      for (String pair : parts[2].split("&")) {
        if (!pair.isEmpty()) {
          props.setProperty(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
      }
      try (Connection c = DriverManager.getConnection(parts[1], props)) {
        System.out.println(parts[0] + ".user=" + c.getMetaData().getUserName());
        System.out.println(parts[0] + ".url=" + c.getMetaData().getURL());
      } catch (SQLException e) {
        System.out.println(parts[0] + ".state=" + e.getSQLState());
        System.out.println(parts[0] + ".message=" + e.getMessage().replace('\n', ' '));
      }
    }
  }
}
