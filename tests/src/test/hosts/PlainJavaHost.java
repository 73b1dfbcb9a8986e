import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A plain Java program that embeds the driver the way tools without a JDBC framework do: the jar in a
 * URLClassLoader of its own, the thread's context class loader left as it is, no logging configured. Prints
 * {@code key=value} lines; the test reads them and expects nothing at all on stderr.
 *
 * <p>Arguments: the driver jar, the JDBC URL of a standalone local Clean Rooms, its secret access key.
 */
public class PlainJavaHost {
  public static void main(String[] args) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Driver driver = (Driver) Class.forName("dev.cleanroomsjdbc.driver.CleanRoomsDriver", true, loader)
        .getDeclaredConstructor().newInstance();
    System.out.println("contextLoaderIsJars=" + (Thread.currentThread().getContextClassLoader() == loader));

    // jdbc:cleanrooms:local needs the local Clean Rooms, which the driver jar does not carry
    try {
      driver.connect("jdbc:cleanrooms:local", new Properties()).close();
      System.out.println("local=connected");
    } catch (SQLException e) {
      System.out.println("local.sqlstate=" + e.getSQLState());
      System.out.println("local.message=" + e.getMessage());
    }

    Properties props = new Properties();
    props.setProperty("password", args[2]);
    try (Connection c = driver.connect(args[1], props); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT segment, COUNT(*) AS n FROM demo.customers GROUP BY segment"
          + " ORDER BY segment")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getString(1) + ":" + rs.getLong(2));
        }
        System.out.println("select=" + String.join(",", rows));
      }
      try (ResultSet rs = s.executeQuery("CALL demo.campaign_reach()")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getString("campaign") + ":" + rs.getLong("reached_customers"));
        }
        System.out.println("call=" + String.join(",", rows));
      }

      // a host on java.util.logging: the driver's records arrive under the parent logger the driver names
      List<LogRecord> records = new ArrayList<>();
      Logger parent = driver.getParentLogger();
      Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
      parent.setLevel(Level.FINEST);
      parent.setUseParentHandlers(false);
      parent.addHandler(capture);
      try (ResultSet rs = s.executeQuery("CALL demo.campaign_reach()")) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
      parent.removeHandler(capture);
      System.out.println("jul.parent=" + parent.getName());
      System.out.println("jul.records=" + records.size());
      TreeSet<String> loggers = new TreeSet<>();
      boolean secretLogged = false;
      int wire = 0;
      for (LogRecord r : records) {
        String name = String.valueOf(r.getLoggerName());
        loggers.add(name.startsWith("dev.cleanroomsjdbc.shaded.") ? "dev.cleanroomsjdbc.shaded.*" : name);
        wire += name.contains("org.apache.http.wire") || name.contains("org.apache.http.headers") ? 1 : 0;
        String text = new java.util.logging.SimpleFormatter().formatMessage(r) + " " + r.getThrown();
        secretLogged |= text.contains(args[2]) || text.matches("(?is).*authorization\\s*[:=]\\s*AWS4.*");
      }
      System.out.println("jul.loggers=" + String.join(",", loggers));
      System.out.println("jul.secretLogged=" + secretLogged);
      // at FINEST HttpClient's wire and header loggers would print every request's Authorization header
      System.out.println("jul.wireRecords=" + wire);
    }
  }
}
