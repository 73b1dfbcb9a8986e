package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a BI tool sees when it browses the demo collaboration through DatabaseMetaData. */
@Timeout(60)
class MetadataTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void tablesAreTheCollaborationsSchemas() throws SQLException {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getTables(null, "demo", "%", null)) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
      // the demo's two tables, and the one the tests add with a restrictive rule
      assertEquals(List.of("customers", "impressions", "restricted"), tables.stream().sorted().toList());
    }
  }

  @Test
  void tableRemarksSayHowEachTableMayBeAnalysed() throws SQLException {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getTables(null, "demo", "customers", new String[] {"TABLE"})) {
      assertTrue(rs.next());
      String remarks = rs.getString("REMARKS");
      assertTrue(remarks.contains("analysis method DIRECT_JOB") || remarks.contains("analysis method MULTIPLE"),
          remarks);
      assertTrue(remarks.contains("CUSTOM"), remarks);
      assertTrue(remarks.contains("111111111111"), remarks);
      assertEquals("TABLE", rs.getString("TABLE_TYPE"));
      assertFalse(rs.next());
    }
  }

  @Test
  void columnsCarryTheirJdbcTypes() throws SQLException {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getColumns(null, "demo", "customers", "%")) {
      Map<String, Integer> types = new LinkedHashMap<>();
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
      assertEquals(Map.of("customer_id", Types.BIGINT, "segment", Types.VARCHAR, "signup_date", Types.DATE,
          "lifetime_value", Types.DECIMAL), types);
    }
  }

  @Test
  void proceduresAreTheCollaborationsAnalysisTemplates() throws SQLException {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getProcedures(null, "demo", "%")) {
        while (rs.next()) {
          names.add(rs.getString("PROCEDURE_NAME"));
          assertEquals(DatabaseMetaData.procedureReturnsResult, rs.getShort("PROCEDURE_TYPE"));
          assertTrue(rs.getString("REMARKS").matches("Analysis template \\((PYSPARK_1_0|SQL)\\).*"),
              rs.getString("REMARKS"));
        }
      }
      assertTrue(names.containsAll(List.of("campaign_reach", "segment_report", "python_lift", "typed_rows")),
          names.toString());
      try (ResultSet rs = md.getProcedures(null, "demo", "campaign\\_reach")) {
        assertTrue(rs.next());
        assertEquals("campaign_reach", rs.getString("PROCEDURE_NAME"));
        assertFalse(rs.next());
      }
      ResultSet columns = md.getProcedureColumns(null, "demo", "campaign_reach", "%");
      assertEquals(20, columns.getMetaData().getColumnCount());
      assertFalse(columns.next(), "PySpark templates take no parameters");
      assertFalse(columns.isClosed());
      columns.close();
      assertTrue(columns.isClosed());
    }
  }

  @Test
  void keysIndexesFunctionsAndTypesAreValidResultsNotErrors() throws SQLException {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getPrimaryKeys(null, "demo", "customers")) {
        assertFalse(rs.next(), "Clean Rooms tables declare no keys");
      }
      try (ResultSet rs = md.getImportedKeys(null, "demo", "impressions")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getIndexInfo(null, "demo", "customers", false, true)) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getFunctions(null, null, "%")) {
        assertTrue(rs.getMetaData().getColumnCount() >= 6);
      }
      try (ResultSet rs = md.getTypeInfo()) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString("TYPE_NAME"));
        }
        assertTrue(types.containsAll(List.of("VARCHAR", "BIGINT", "DECIMAL", "DATE", "TIMESTAMP")), types.toString());
      }
      try (ResultSet rs = md.getCatalogs()) {
        assertTrue(rs.getMetaData().getColumnCount() >= 1);
      }
    }
  }

  @Test
  void tableTypesIncludeTheSystemTablesAndMetadataResultsCarryNoWarnings() throws SQLException {
    try (Connection c = collaboration.connect()) {
      List<String> types = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTableTypes()) {
        while (rs.next()) {
          types.add(rs.getString("TABLE_TYPE"));
        }
        assertEquals(null, rs.getWarnings());
      }
      assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), types);
      try (ResultSet rs = c.getMetaData().getTables(null, "cleanrooms", "%", new String[] {"SYSTEM TABLE"})) {
        assertTrue(rs.next(), "the cleanrooms schema's tables are SYSTEM TABLEs");
        assertEquals(null, rs.getWarnings());
      }
    }
  }

  @Test
  void searchPatternEscapesAreHonoured() throws SQLException {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getColumns(null, "demo", "customers", "customer\\_id")) {
      assertTrue(rs.next());
      assertEquals("customer_id", rs.getString("COLUMN_NAME"));
      assertFalse(rs.next());
    }
  }

  @Test
  void decimalColumnsReportTheirPrecisionAndScale() throws SQLException {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getColumns(null, "demo", "customers", "lifetime_value")) {
      assertTrue(rs.next());
      assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
      assertEquals(10, rs.getInt("COLUMN_SIZE"));
      assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
      assertEquals("YES", rs.getString("IS_NULLABLE"));
    }
  }

  @Test
  void theDriverAndProductSayWhatTheyAre() throws SQLException {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("AWS Clean Rooms", md.getDatabaseProductName());
      assertEquals("cleanrooms-jdbc", md.getDriverName());
      assertTrue(md.getDriverVersion().matches("\\d+\\.\\d+\\.\\d+.*"), md.getDriverVersion());
      assertTrue(md.supportsStoredProcedures());
      assertTrue(c.isReadOnly());
      assertEquals(c, md.getConnection());
    }
  }
}
