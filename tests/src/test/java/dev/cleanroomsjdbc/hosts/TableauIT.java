package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/**
 * Tableau's "Other Databases (JDBC)" connector, with the samples/tableau files, against the jar alone in its own
 * class loader. The call sequence and the SQL are Tableau's, from its public connector SDK (github.com/tableau/
 * connector-plugin-sdk): docs/drivers.md (getDriverName/getDriverVersion, SQLState 28000 for bad credentials),
 * docs/metadata-enumeration.md (getSchemas, getTables, getColumns; a table's columns from a prepared
 * {@code SELECT *} that is not executed; custom SQL wrapped in a subquery) and
 * samples/components/dialects/SQLDialect.tdd, the generic dialect (SELECT TOP n, TO_DATE/TO_TIMESTAMP literals
 * with ICU patterns, booleans as (1=1)/(1=0), CAST(... AS NUMERIC(18, 0)), double-quoted identifiers).
 */
@Timeout(300)
class TableauIT {
  private static final Path SAMPLES = Path.of(System.getProperty("repo.root", ".."), "samples/tableau");

  private static StandaloneLocal local;
  private static Driver driver;
  private static Properties properties;

  @BeforeAll
  static void loadTheJarAsTableauDoes() throws Exception {
    local = StandaloneLocal.shared();
    driver = DriverJar.driverIn(DriverJar.isolatedLoader());
    properties = new Properties();
    try (Reader in = Files.newBufferedReader(SAMPLES.resolve("cleanrooms-jdbc.properties"))) {
      properties.load(in); // the Properties file field
    }
    properties.setProperty("user", DemoCollaboration.ADVERTISER_ACCESS_KEY); // the Username and Password fields
    properties.setProperty("password", local.secret());
  }

  private static Connection connect() throws Exception {
    return driver.connect(local.url(), properties);
  }

  @Test
  void thePropertiesFileNamesOnlyPropertiesTheDriverHas() throws Exception {
    Set<String> known = new TreeSet<>();
    for (DriverPropertyInfo p : driver.getPropertyInfo(local.url(), new Properties())) {
      known.add(p.name);
    }
    Properties file = new Properties();
    try (Reader in = Files.newBufferedReader(SAMPLES.resolve("cleanrooms-jdbc.properties"))) {
      file.load(in);
    }
    assertTrue(!file.isEmpty() && known.containsAll(file.stringPropertyNames()), file + " within " + known);
  }

  @Test
  void theCustomizationMatchesTheDriverAndClaimsOnlyWhatItAccepts() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root = factory.newDocumentBuilder().parse(SAMPLES.resolve("cleanrooms-jdbc.tdc").toFile())
        .getDocumentElement();
    assertEquals("genericjdbc", root.getAttribute("class"));
    Map<String, String> caps = new LinkedHashMap<>();
    NodeList list = root.getElementsByTagName("customization");
    for (int i = 0; i < list.getLength(); i++) {
      Element e = (Element) list.item(i);
      caps.put(e.getAttribute("name"), e.getAttribute("value"));
    }
    try (Connection c = connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(((Element) root.getElementsByTagName("vendor").item(0)).getAttribute("name"),
          md.getDatabaseProductName());
      assertEquals(((Element) root.getElementsByTagName("driver").item(0)).getAttribute("name"), md.getDriverName());
      // each claim, tried the way Tableau would rely on it
      assertEquals("yes", caps.get("CAP_QUERY_TOP_N"));
      assertEquals(5, rows(c, "SELECT TOP 5 \"customers\".\"segment\" AS \"segment\" FROM \"demo\".\"customers\""
          + " \"customers\""));
      assertEquals("yes", caps.get("CAP_QUERY_TOPSTYLE_LIMIT"));
      assertEquals(5, rows(c, "SELECT \"customers\".\"segment\" FROM \"demo\".\"customers\" \"customers\" LIMIT 5"));
      assertEquals("yes", caps.get("CAP_QUERY_SUBQUERIES_WITH_TOP"));
      assertEquals(2, rows(c, "SELECT * FROM (SELECT TOP 2 \"segment\" FROM \"demo\".\"customers\") \"t0\""));
      assertEquals("no", caps.get("CAP_CREATE_TEMP_TABLES"));
      assertEquals("no", caps.get("CAP_SELECT_INTO"));
      assertTrue(c.isReadOnly());
      assertEquals("no", caps.get("CAP_JDBC_METADATA_READ_PRIMARYKEYS"));
      assertEquals(0, count(md.getPrimaryKeys(null, "demo", "customers")));
      assertEquals("no", caps.get("CAP_CONNECT_STORED_PROCEDURE"), "templates are read through Custom SQL");
      int before = queries();
      assertEquals("yes", caps.get("CAP_QUERY_WHERE_FALSE_METADATA"));
      assertEquals(0, rows(c, "SELECT * FROM \"demo\".\"customers\" WHERE (1=0)"));
      assertEquals("yes", caps.get("CAP_QUERY_TOP_0_METADATA"));
      assertEquals(0, rows(c, "SELECT TOP 0 * FROM \"demo\".\"impressions\""));
      assertEquals(before, queries(), "the metadata probes started no protected query");
    }
  }

  @Test
  void tableausMetadataCallsAndQueriesGiveTheRowsAUserWouldSee() throws Exception {
    try (Connection c = connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.getDriverVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
      assertEquals(List.of("cleanrooms", "demo"), names(md.getSchemas(), "TABLE_SCHEM"));
      assertTrue(names(md.getTables(null, "demo", "%", null), "TABLE_NAME").contains("customers"));
      assertEquals(4, count(md.getColumns(null, "demo", "customers", "%")));
      int before = queries();
      // a table's columns: prepared, never executed
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"demo\".\"customers\"")) {
        ResultSetMetaData rsmd = ps.getMetaData();
        assertEquals(4, rsmd.getColumnCount());
        assertEquals("lifetime_value", rsmd.getColumnLabel(4));
        assertEquals("DECIMAL", rsmd.getColumnTypeName(4));
      }
      assertEquals(before, queries(), "reading a table's columns ran nothing");
      // a viz: segments with their summed lifetime value since a date, in the generic dialect
      Map<String, Double> sums = new TreeMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TOP 1000"
          + " \"customers\".\"segment\" AS \"segment\", SUM(CAST(\"customers\".\"lifetime_value\" AS DOUBLE PRECISION))"
          + " AS \"sum:lifetime_value:ok\" FROM \"demo\".\"customers\" \"customers\""
          + " WHERE ((\"customers\".\"signup_date\" >= TO_DATE('2023-06-01', 'yyyy-MM-dd')) AND (1=1))"
          + " GROUP BY \"customers\".\"segment\"")) {
        while (rs.next()) {
          sums.put(rs.getString("segment"), rs.getDouble("sum:lifetime_value:ok"));
        }
      }
      assertEquals(Set.of("lapsed", "loyal", "new", "vip"), sums.keySet());
      assertTrue(sums.values().stream().allMatch(v -> v > 0), sums.toString());
    }
  }

  @Test
  void customSqlCallingATemplateRunsItOnceForTheColumnsAndTheViz() throws Exception {
    int before = jobs();
    try (Connection c = connect()) {
      String custom = "CALL demo.segment_report()";
      // the connection's columns: the custom SQL as a subquery, prepared
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + custom + ") \"Custom SQL Query\"")) {
        assertTrue(ps.getMetaData().getColumnCount() > 0);
      }
      // the viz, on another connection as Tableau's pool may give it
      try (Connection viz = connect(); Statement s = viz.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT \"Custom SQL Query\".* FROM (" + custom + ") \"Custom SQL Query\" WHERE (1=1)")) {
        assertTrue(rs.next());
      }
    }
    assertTrue(jobs() <= before + 1, "the template ran at most once");
  }

  private static int rows(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      return count(s.executeQuery(sql));
    }
  }

  private static int count(ResultSet rs) throws Exception {
    int n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static List<String> names(ResultSet rs, String column) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString(column));
      }
    }
    return names;
  }

  private static int queries() {
    try (CleanRoomsClient client = local.advertiserClient()) {
      return (int) client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(local.membershipId()))
          .protectedQueries().stream().count();
    }
  }

  private static int jobs() {
    try (CleanRoomsClient client = local.advertiserClient()) {
      return (int) client.listProtectedJobsPaginator(b -> b.membershipIdentifier(local.membershipId()))
          .protectedJobs().stream().count();
    }
  }
}
