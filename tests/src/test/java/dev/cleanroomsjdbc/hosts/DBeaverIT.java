package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * DBeaver, as its generic JDBC provider drives a driver, against the jar alone in its own class loader and the
 * sample definition {@code samples/dbeaver/drivers.xml}: class name, URL template, parameters and properties come
 * from that file. The calls and their order are DBeaver's (github.com/dbeaver/dbeaver at 2428359b74):
 * <ul>
 *   <li>plugins/org.jkiss.dbeaver.model.jdbc/src/org/jkiss/dbeaver/model/impl/jdbc/JDBCDataSource.java
 *       (openConnection: acceptsURL, connect with the driver properties and user/password, setReadOnly);</li>
 *   <li>plugins/org.jkiss.dbeaver.ext.generic/src/org/jkiss/dbeaver/ext/generic/model/GenericDataSource.java
 *       (populateClientAppName: getClientInfoProperties, then setClientInfo("ApplicationName", ...); initialize:
 *       getCatalogs, then the schemas);</li>
 *   <li>plugins/org.jkiss.dbeaver.model.jdbc/src/org/jkiss/dbeaver/model/impl/jdbc/JDBCExecutionContext.java
 *       (connect: setTransactionIsolation, setAutoCommit, getAutoCommit; commit and rollback in manual mode);</li>
 *   <li>plugins/org.jkiss.dbeaver.ext.generic/src/org/jkiss/dbeaver/ext/generic/model/meta/GenericMetaModel.java
 *       (loadSchemas: getSchemas; getTables(null, schema, "%", null); getColumns(null, schema, table, "%");
 *       loadProcedures: getFunctions first, then getProcedures, giving up on procedures when a driver lists the
 *       same routine in both);</li>
 *   <li>plugins/org.jkiss.dbeaver.model.jdbc/src/org/jkiss/dbeaver/model/impl/jdbc/struct/JDBCTable.java
 *       (readData: SELECT * FROM schema.table with setMaxRows, JDBCStatementImpl.setLimit).</li>
 * </ul>
 */
@Timeout(300)
class DBeaverIT {

  /** The driver element of samples/dbeaver/drivers.xml. */
  private record Definition(String className, String urlTemplate, Map<String, String> parameters,
      Map<String, String> properties) {}

  @Test
  void theSampleDefinitionConnectsAndShowsTablesProceduresAndData() throws Exception {
    Definition definition = definition(Path.of(System.getProperty("repo.root", ".."),
        "samples/dbeaver/drivers.xml"));
    assertEquals("true", definition.parameters().get("supports-stored-code"), "the Procedures folder is shown");
    StandaloneLocal local = StandaloneLocal.shared();
    URLClassLoader loader = DriverJar.isolatedLoader();
    Driver driver = (Driver) Class.forName(definition.className(), true, loader).getDeclaredConstructor()
        .newInstance();
    // the connection page: Host = region, Database = membership; the Driver properties tab: the local endpoints
    String url = definition.urlTemplate().replace("{host}", DemoCollaboration.REGION)
        .replace("{database}", local.membershipId());
    assertTrue(driver.acceptsURL(url), url);
    Properties props = new Properties();
    props.putAll(definition.properties());
    props.setProperty("cleanRoomsEndpoint", local.endpoint().toString());
    props.setProperty("s3Endpoint", local.s3Endpoint().toString());
    props.setProperty("credentials", "STATIC");
    props.setProperty("user", DemoCollaboration.ADVERTISER_ACCESS_KEY);
    props.setProperty("password", local.secret());
    Set<String> offered = new TreeSet<>();
    for (DriverPropertyInfo p : driver.getPropertyInfo(url, props)) {
      offered.add(p.name);
    }
    assertTrue(offered.containsAll(List.of("cleanRoomsEndpoint", "s3Endpoint", "credentials")), offered.toString());

    try (Connection c = driver.connect(url, props)) {
      c.setReadOnly(true);
      try (ResultSet rs = c.getMetaData().getClientInfoProperties()) {
        while (rs.next()) {
          if (rs.getString("NAME").equalsIgnoreCase("ApplicationName")) {
            c.setClientInfo(rs.getString("NAME"), "DBeaver 24.3.0 - Main");
          }
        }
      }
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // DBeaver logs a refusal and goes on
      c.setAutoCommit(false); // the manual-commit toolbar button
      assertFalse(c.getAutoCommit());
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of(), names(md.getCatalogs(), "TABLE_CAT"), "omit-catalog: none to show");
      List<String> schemas = names(md.getSchemas(), "TABLE_SCHEM");
      assertEquals(List.of("cleanrooms", "demo"), schemas);
      assertEquals(List.of("customers", "impressions"), names(md.getTables(null, "demo", "%", null), "TABLE_NAME"));
      assertEquals(List.of("customer_id", "segment", "signup_date", "lifetime_value"),
          names(md.getColumns(null, "demo", "customers", "%"), "COLUMN_NAME"));

      // loadProcedures: functions, then procedures; the same name in both makes DBeaver stop reading procedures
      Set<String> functions = new TreeSet<>(names(md.getFunctions(null, "demo", "%"), "FUNCTION_NAME"));
      List<String> procedures = names(md.getProcedures(null, "demo", "%"), "PROCEDURE_NAME");
      assertTrue(procedures.containsAll(List.of("campaign_reach", "customers_by_segment", "segment_report")),
          procedures.toString());
      assertTrue(procedures.stream().noneMatch(functions::contains), functions + " / " + procedures);

      // a table's Data tab, with the result set row limit
      try (Statement s = c.createStatement()) {
        s.setMaxRows(200);
        s.setFetchSize(200);
        assertTrue(s.execute("SELECT * FROM demo.customers"));
        int rows = 0;
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            rows++;
          }
        }
        assertEquals(200, rows);
      }
      // an SQL editor query with a parameter (DBeaver binds :name and ? through a PreparedStatement)
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM demo.customers WHERE segment = ?")) {
        ps.setString(1, "vip");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(500L, rs.getLong(1));
        }
      }
      c.commit();
      c.rollback();
    }
  }

  private static List<String> names(ResultSet rs, String column) throws Exception {
    List<String> names = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        names.add(rs.getString(column));
      }
    }
    return names;
  }

  private static Definition definition(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(file.toFile());
    Element driver = (Element) doc.getElementsByTagName("driver").item(0);
    Map<String, String> parameters = new LinkedHashMap<>();
    NodeList ps = driver.getElementsByTagName("parameter");
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      parameters.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    Map<String, String> properties = new LinkedHashMap<>();
    NodeList props = driver.getElementsByTagName("property");
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      properties.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return new Definition(driver.getAttribute("class"), driver.getAttribute("url"), parameters, properties);
  }
}
