import dev.cleanroomsjdbc.driver.CleanRoomsStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo: opens the demo collaboration on the in-process local Clean Rooms (no AWS account, no network,
 * no Docker), lists its tables and analysis templates, runs one template as a protected job while printing
 * its progress, and prints the rows of every named result.
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:java} (see README.md). Pass another URL and a template
 * name to run against your own collaboration: {@code mvn -q -pl samples -am compile exec:java
 * -Dexec.args="jdbc:cleanrooms://us-east-1/<membership> schema.template"}.
 */
public final class Demo {
  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:cleanrooms:local";
    String template = args.length > 1 ? args[1] : "demo.segment_report";
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData md = connection.getMetaData();
      System.out.println("Connected to " + md.getURL() + " (" + md.getDatabaseProductVersion() + ")");
      System.out.println("\nTables:");
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          System.out.println("  " + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      System.out.println("\nAnalysis templates:");
      try (ResultSet rs = md.getProcedures(null, null, "%")) {
        while (rs.next()) {
          System.out.println("  " + rs.getString("PROCEDURE_SCHEM") + "." + rs.getString("PROCEDURE_NAME")
              + "  -- " + rs.getString("REMARKS"));
        }
      }
      System.out.println("\nCALL " + template + "()");
      try (Statement statement = connection.createStatement()) {
        statement.unwrap(CleanRoomsStatement.class).setProgressListener(
            p -> System.out.print("\r  " + p + "        "));
        boolean hasResult = statement.execute("CALL " + template + "()");
        System.out.println();
        while (hasResult) {
          try (ResultSet rs = statement.getResultSet()) {
            print(rs);
          }
          hasResult = statement.getMoreResults();
        }
      }
    }
  }

  private static void print(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder header = new StringBuilder("\n");
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.append(String.format("%-22s", md.getColumnLabel(i)));
    }
    System.out.println(header);
    int rows = 0;
    while (rs.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        line.append(String.format("%-22s", rs.getString(i)));
      }
      System.out.println(line);
      rows++;
    }
    System.out.println("(" + rows + " rows)");
  }
}
