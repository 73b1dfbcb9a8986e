package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.DataTypeType;
import schemacrawler.schema.Routine;
import schemacrawler.schema.RoutineType;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * SchemaCrawler, a real metadata client, crawls the local demo collaboration at its maximum info level through the
 * self-contained jar, loaded alone in its own class loader (as DBeaver or Tableau load a driver jar): every table,
 * every column of the collaboration's tables with its type, and every analysis template as a procedure.
 */
@Timeout(300)
class SchemaCrawlerIT {

  /** The demo's collaboration tables and their columns, as {@code java.sql.Types}. */
  private static final Map<String, Map<String, Integer>> DEMO_COLUMNS = Map.of(
      "customers", ordered("customer_id", Types.BIGINT, "segment", Types.VARCHAR, "signup_date", Types.DATE,
          "lifetime_value", Types.DECIMAL),
      "impressions", ordered("impression_id", Types.BIGINT, "customer_id", Types.BIGINT, "campaign", Types.VARCHAR,
          "shown_at", Types.TIMESTAMP, "cost", Types.DOUBLE, "clicked", Types.BOOLEAN));

  private static final Set<String> SYSTEM_TABLES =
      Set.of("protected_jobs", "members", "analysis_templates", "collaboration_tables");

  private static final Set<String> TEMPLATES = Set.of("campaign_reach", "segment_report", "python_lift");

  @Test
  void crawlsTheDemoCollaborationAtMaximumInfoLevelThroughTheJarAlone() throws Exception {
    List<String> problems = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() instanceof java.sql.SQLWarning) {
          problems.add(r.getLevel() + " " + r.getLoggerName() + ": " + message(r)
              + (r.getThrown() != null ? " <- " + r.getThrown() : ""));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    URLClassLoader loader = DriverJar.isolatedLoader();
    StandaloneLocal local = StandaloneLocal.shared();
    Properties secret = new Properties();
    secret.setProperty("password", local.secret());
    try {
      Driver driver = DriverJar.driverIn(loader);
      assertEquals(loader, driver.getClass().getClassLoader(), "the driver comes from the jar, not the class path");
      try (Connection conn = driver.connect(local.url(), secret)) {
        assertEquals("AWS Clean Rooms", conn.getMetaData().getDatabaseProductName());
        assertEquals("cleanrooms-jdbc", conn.getMetaData().getDriverName());

        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
            .withLoadOptions(LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.maximum).toOptions())
            .withLimitOptions(LimitOptionsBuilder.builder().includeAllRoutines()
                .tableTypes("TABLE", "SYSTEM TABLE", "VIEW").toOptions());
        Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(conn), options);

        System.out.println("SchemaCrawler " + catalog.getCrawlInfo().getSchemaCrawlerVersion() + " over "
            + catalog.getDatabaseInfo().getProductName() + " / " + catalog.getJdbcDriverInfo().getDriverName() + " "
            + catalog.getJdbcDriverInfo().getDriverVersion());
        for (Table t : catalog.getTables()) {
          System.out.println("table " + t.getFullName() + " [" + t.getTableType() + "] " + t.getColumns().stream()
              .map(c -> c.getName() + " " + c.getColumnDataType().getName() + "/" + c.getColumnDataType()
                  .getJavaSqlType().getName())
              .collect(Collectors.joining(", ")));
        }
        for (Routine r : catalog.getRoutines()) {
          System.out.println("routine " + r.getFullName() + " [" + r.getRoutineType() + "] " + r.getRemarks());
        }
        System.out.println("column data types: " + catalog.getColumnDataTypes().size() + " (system "
            + catalog.getSystemColumnDataTypes().size() + ")");
        problems.forEach(p -> System.out.println("SchemaCrawler problem: " + p));
        // no error and no warning from any metadata call (the driver's empty SQLWarnings are logged at INFO)
        List<String> warnings = problems.stream().filter(p -> p.startsWith("WARNING") || p.startsWith("SEVERE"))
            .toList();
        assertEquals(List.of(), warnings, "SchemaCrawler warnings");

        // every table: the collaboration's and the system schema's
        Set<String> tables = catalog.getTables().stream().map(t -> t.getSchema().getName() + "." + t.getName())
            .collect(Collectors.toCollection(TreeSet::new));
        for (String t : DEMO_COLUMNS.keySet()) {
          assertTrue(tables.contains("demo." + t), "demo." + t + " in " + tables);
        }
        // SchemaCrawler only asks for the table types getTableTypes() lists: SYSTEM TABLE among them
        Set<String> advertised = new TreeSet<>();
        try (ResultSet rs = conn.getMetaData().getTableTypes()) {
          while (rs.next()) {
            advertised.add(rs.getString("TABLE_TYPE"));
          }
        }
        assertTrue(advertised.contains("SYSTEM TABLE"), advertised.toString());
        Set<String> systemTables = new TreeSet<>(tables);
        assertTrue(tables.stream().noneMatch(t -> t.startsWith("metadata.")), "Calcite's metadata schema: " + tables);
        for (String t : SYSTEM_TABLES) {
          assertTrue(systemTables.contains("cleanrooms." + t), "cleanrooms." + t + " in " + systemTables);
        }

        // every column of the collaboration's tables, in order, with its JDBC type
        for (Map.Entry<String, Map<String, Integer>> e : DEMO_COLUMNS.entrySet()) {
          Table table = catalog.getTables().stream()
              .filter(t -> t.getSchema().getName().equals("demo") && t.getName().equals(e.getKey()))
              .findFirst().orElseThrow();
          Map<String, Integer> found = new LinkedHashMap<>();
          for (Column c : table.getColumns()) {
            found.put(c.getName(), c.getColumnDataType().getJavaSqlType().getVendorTypeNumber());
          }
          assertEquals(e.getValue(), found, "columns of demo." + e.getKey());
          assertNotEquals("", table.getRemarks(), "REMARKS of demo." + e.getKey());
        }
        Column ltv = catalog.getTables().stream().filter(t -> t.getName().equals("customers")).findFirst()
            .orElseThrow().getColumns().stream().filter(c -> c.getName().equals("lifetime_value")).findFirst()
            .orElseThrow();
        assertEquals(10, ltv.getSize(), "DECIMAL(10,2) precision");
        assertEquals(2, ltv.getDecimalDigits(), "DECIMAL(10,2) scale");
        assertEquals("DECIMAL", ltv.getColumnDataType().getName(), "the bare type name, sized by COLUMN_SIZE");
        assertEquals(DataTypeType.system, ltv.getColumnDataType().getType(), "no user-defined type invented");

        // every analysis template, once, as a procedure of the collaboration's schema
        List<Routine> demoRoutines = catalog.getRoutines().stream()
            .filter(r -> r.getSchema().getName().equals("demo")).toList();
        Set<String> routines = demoRoutines.stream().map(Routine::getName)
            .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(routines.containsAll(TEMPLATES), "templates " + TEMPLATES + " in routines " + routines);
        assertEquals(routines.size(), demoRoutines.size(), "each template once: " + demoRoutines);
        assertTrue(demoRoutines.stream().allMatch(r -> r.getRoutineType() == RoutineType.procedure),
            demoRoutines.toString());

        assertEquals("AWS Clean Rooms", catalog.getDatabaseInfo().getProductName());
        assertEquals("cleanrooms-jdbc", catalog.getJdbcDriverInfo().getDriverName());
      }
    } finally {
      root.removeHandler(capture);
    }
  }

  private static String message(LogRecord r) {
    String m = r.getMessage();
    if (m != null && r.getParameters() != null && r.getParameters().length > 0) {
      try {
        m = java.text.MessageFormat.format(m, r.getParameters());
      } catch (IllegalArgumentException e) {
        // keep the raw message
      }
    }
    return m;
  }

  private static Map<String, Integer> ordered(Object... nameAndType) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndType.length; i += 2) {
      m.put((String) nameAndType[i], (Integer) nameAndType[i + 1]);
    }
    return m;
  }
}
