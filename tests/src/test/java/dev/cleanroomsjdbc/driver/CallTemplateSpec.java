package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.testjobs.TypedRowValues;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.Calendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CALL of a PySpark template through DriverManager: the job runs on the local Clean Rooms and its rows stream back. */
@Timeout(120)
abstract class CallTemplateSpec {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private final TestCollaboration collaboration = collaboration();

  /** The local Clean Rooms to run against; its storage is what the subclasses vary. */
  protected abstract TestCollaboration collaboration();

  @Test
  void callReturnsEveryRowOfAJobWhoseResultSpansSeveralPartFiles() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CALL demo.typed_rows()")) {
      long i = 0;
      while (rs.next()) {
        assertRow(i, rs);
        i++;
      }
      assertEquals(TypedRowValues.DEFAULT_ROWS, i, "rows returned");
      String jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
      long parts = collaboration.resultKeys(jobId).stream().filter(k -> k.endsWith(".parquet")).count();
      // Spark splits each partition's output at rowsPerPart rows (maxRecordsPerFile), as the service's Spark does.
      assertTrue(parts >= TypedRowValues.DEFAULT_ROWS / TestCollaboration.ROWS_PER_PART, "part files in S3: " + parts);
    }
  }

  @Test
  void resultColumnsHaveTheJobsNamesAndJdbcTypes() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CALL demo.typed_rows()")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      List<Integer> types = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
        types.add(md.getColumnType(i));
      }
      assertEquals(List.of("id", "name", "qty", "price", "amount", "active", "day", "at"), names);
      assertEquals(List.of(Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.DOUBLE, Types.DECIMAL, Types.BOOLEAN,
          Types.DATE, Types.TIMESTAMP), types);
      assertEquals(12, md.getPrecision(5));
      assertEquals(2, md.getScale(5));
    }
  }

  @Test
  void jdbcCallEscapeThroughPrepareCallRunsTheJob() throws Exception {
    try (Connection c = collaboration.connect(); CallableStatement call = c.prepareCall("{call demo.typed_rows()}")) {
      assertTrue(call.execute());
      try (ResultSet rs = call.getResultSet()) {
        assertTrue(rs.next());
        assertRow(0, rs);
        assertEquals(call, rs.getStatement());
      }
    }
  }

  @Test
  void selectFromTheTemplateAsATableFunctionRunsTheJobAndCalciteAggregatesIt() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT count(*), count(name), sum(qty) FROM TABLE(demo.typed_rows()) WHERE id < 100")) {
      assertTrue(rs.next());
      long rows = 0;
      long names = 0;
      long qty = 0;
      for (long i = 0; i < 100; i++) {
        Object[] expected = TypedRowValues.expectedRow(i);
        rows++;
        names += expected[1] == null ? 0 : 1;
        qty += expected[2] == null ? 0 : (Integer) expected[2];
      }
      assertEquals(rows, rs.getLong(1));
      assertEquals(names, rs.getLong(2));
      assertEquals(qty, rs.getLong(3));
    }
  }

  @Test
  void aJobWithSeveralNamedResultsReturnsThemThroughGetMoreResultsInNameOrder() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      assertTrue(s.execute("CALL demo.two_results()"));
      Map<String, Integer> expected = Map.of("details", 10, "summary", 3);
      List<String> seen = new ArrayList<>();
      do {
        try (ResultSet rs = s.getResultSet()) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          String name = rs.getMetaData().getColumnLabel(1).equals("k") ? "details" : "summary";
          assertEquals(expected.get(name), n, name);
          seen.add(name);
        }
      } while (s.getMoreResults());
      assertEquals(List.of("details", "summary"), seen);
      assertEquals(-1, s.getUpdateCount());
      assertNull(s.getResultSet());
    }
  }

  @Test
  void aPreparedCallRunsOneJobPerExecution() throws Exception {
    int before = collaboration.jobs().size();
    try (Connection c = collaboration.connect(); CallableStatement call = c.prepareCall("CALL demo.typed_rows()")) {
      call.executeQuery().close();
      assertEquals(before + 1, collaboration.jobs().size(), "prepare and first execute share one job");
      call.executeQuery().close();
      assertEquals(before + 2, collaboration.jobs().size());
    }
  }

  @Test
  void aTruncatedResultFileFailsWithAnIoErrorAfterEveryRowBeforeIt() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.typed_rows()").close();
      String jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
      String third = collaboration.resultKeys(jobId).stream().filter(k -> k.endsWith(".parquet")).sorted()
          .toList().get(2);
      collaboration.truncate(third);
      long[] rows = {0};
      try (ResultSet rs = s.executeQuery(
          "SELECT * FROM TABLE(cleanrooms.job_result('" + jobId + "', 'rows'))")) {
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            assertRow(rows[0]++, rs);
          }
        });
        assertEquals("58030", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(third), e.getMessage());
      }
      assertEquals(2 * TestCollaboration.ROWS_PER_PART, rows[0], "every row of the files before the truncated one");
    }
  }

  private static void assertRow(long i, ResultSet rs) throws Exception {
    Object[] e = TypedRowValues.expectedRow(i);
    assertEquals(e[0], rs.getLong("id"), "id of row " + i);
    assertEquals(e[1], rs.getString("name"), "name of row " + i);
    assertNullableEquals(e[2], rs.getInt("qty"), rs, "qty of row " + i);
    assertNullableEquals(e[3], rs.getDouble("price"), rs, "price of row " + i);
    assertEquals(e[4], rs.getBigDecimal("amount"), "amount of row " + i);
    assertNullableEquals(e[5], rs.getBoolean("active"), rs, "active of row " + i);
    java.sql.Date day = rs.getDate("day", UTC);
    assertEquals(e[6], day == null ? null : LocalDate.ofEpochDay(Math.floorDiv(day.getTime(), 86_400_000L)),
        "day of row " + i);
    java.sql.Timestamp at = rs.getTimestamp("at", UTC);
    assertEquals(e[7], at == null ? null : at.toInstant(), "at of row " + i);
    if (e[4] != null) {
      assertEquals(2, ((BigDecimal) e[4]).scale());
    }
    if (e[7] != null) {
      assertTrue(e[7] instanceof Instant);
    }
  }

  private static void assertNullableEquals(Object expected, Object primitive, ResultSet rs, String what)
      throws Exception {
    if (expected == null) {
      assertTrue(rs.wasNull(), what + " is NULL");
    } else {
      assertFalse(rs.wasNull(), what + " is not NULL");
      assertEquals(expected, primitive, what);
    }
  }
}
