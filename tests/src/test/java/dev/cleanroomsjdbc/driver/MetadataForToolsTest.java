package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DatabaseMetaData as tools read it: SQLLine, SchemaCrawler, DBeaver and Tableau each rely on these answers. */
@Timeout(120)
class MetadataForToolsTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void metadataResultsAreForwardOnlyAndNextStaysFalsePastTheEnd() throws Exception {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      for (ResultSet rs : List.of(md.getTables(null, "demo", "%", null), md.getProcedures(null, "demo", "%"),
          md.getColumns(null, "demo", "customers", "%"), md.getSchemas(), md.getTypeInfo())) {
        try (rs) {
          assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
          while (rs.next()) {
            assertTrue(rs.getMetaData().getColumnCount() > 0);
          }
          assertFalse(rs.next(), "past the end, next() answers false again instead of throwing");
          assertFalse(rs.next());
          SQLException e = assertThrows(SQLException.class, rs::last);
          assertEquals("24000", e.getSQLState());
        }
      }
    }
  }

  @Test
  void typeNamesAreBareAndSizesFollowTheJdbcSpecification() throws Exception {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getColumns(null, "demo", "customers", "%")) {
      List<String> seen = new ArrayList<>();
      while (rs.next()) {
        seen.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE")
            + " " + rs.getObject("DECIMAL_DIGITS"));
      }
      assertEquals(List.of("customer_id BIGINT 19 0", "segment VARCHAR " + Integer.MAX_VALUE + " null",
          "signup_date DATE 10 null", "lifetime_value DECIMAL 10 2"), seen);
    }
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT segment, lifetime_value FROM demo.customers WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("VARCHAR", md.getColumnTypeName(1));
      assertEquals(Integer.MAX_VALUE, md.getPrecision(1), "an unbounded string, not 0");
      assertEquals("DECIMAL", md.getColumnTypeName(2));
      assertEquals(10, md.getPrecision(2));
      assertEquals(2, md.getScale(2));
    }
  }

  @Test
  void typeInfoListsTheTypesACollaborationTableCanHaveAndEveryColumnTypeIsAmongThem() throws Exception {
    try (Connection c = collaboration.connect()) {
      Set<String> types = new TreeSet<>();
      int lastDataType = Integer.MIN_VALUE;
      try (ResultSet rs = c.getMetaData().getTypeInfo()) {
        while (rs.next()) {
          types.add(rs.getString("TYPE_NAME"));
          assertTrue(rs.getInt("DATA_TYPE") >= lastDataType, "ordered by DATA_TYPE");
          lastDataType = rs.getInt("DATA_TYPE");
        }
      }
      assertEquals(new TreeSet<>(List.of("ARRAY", "BIGINT", "BOOLEAN", "CHAR", "DATE", "DECIMAL", "DOUBLE",
          "INTEGER", "MAP", "REAL", "SMALLINT", "STRUCT", "TIME", "TIMESTAMP", "TIMESTAMP WITH LOCAL TIME ZONE",
          "TINYINT", "VARBINARY", "VARCHAR")), types);
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          assertTrue(types.contains(rs.getString("TYPE_NAME")), rs.getString("TABLE_NAME") + "."
              + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
    }
  }

  @Test
  void eachTemplateIsOneProcedureAndFunctionsAreOnlyTheDriversOwn() throws Exception {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      Set<String> procedures = new HashSet<>();
      try (ResultSet rs = md.getProcedures(null, null, "%")) {
        while (rs.next()) {
          assertTrue(procedures.add(rs.getString("PROCEDURE_NAME")), "listed once: " + rs.getString(3));
        }
      }
      assertTrue(procedures.containsAll(List.of("campaign_reach", "customers_by_segment")), procedures.toString());
      Set<String> functions = new TreeSet<>();
      try (ResultSet rs = md.getFunctions(null, null, "%")) {
        while (rs.next()) {
          functions.add(rs.getString("FUNCTION_NAME"));
        }
      }
      assertEquals(Set.of("TO_DATE", "TO_TIMESTAMP", "cancel_job", "job_result", "refresh_metadata"), functions);
      try (ResultSet rs = md.getFunctionColumns(null, "cleanrooms", "job_result", "%")) {
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
        }
        assertEquals(List.of("job_id:" + Types.VARCHAR, "result_name:" + Types.VARCHAR), columns);
      }
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertEquals(List.of("cleanrooms", "demo"), schemas, "Calcite's own metadata schema is not listed");
    }
  }

  /** Every method, called as a tool calls it, with null patterns and default arguments, answers. */
  @Test
  void everyDatabaseMetaDataMethodAnswers() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      for (Method m : DatabaseMetaData.class.getMethods()) {
        if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
          continue;
        }
        Object[] args = new Object[m.getParameterCount()];
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
          args[i] = types[i] == int.class ? Integer.valueOf(ResultSet.TYPE_FORWARD_ONLY)
              : types[i] == boolean.class ? Boolean.FALSE : null;
        }
        try {
          Object result = m.invoke(md, args);
          if (result instanceof ResultSet rs) {
            try (rs) {
              assertTrue(rs.getMetaData().getColumnCount() > 0, m.getName());
              while (rs.next()) {
                rs.getObject(1);
              }
            }
          }
        } catch (InvocationTargetException e) {
          failures.add(m.getName() + ": " + e.getCause());
        }
      }
    }
    assertEquals(List.of(), failures);
  }
}
