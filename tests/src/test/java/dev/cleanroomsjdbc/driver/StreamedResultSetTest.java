package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.testjobs.TypedRowValues;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Results streamed as they are (a CALL, {@code SELECT * FROM TABLE(cleanrooms.job_result(...))}) come through the
 * driver's own result set: the same values, string forms, conversions and column descriptions as Calcite's result
 * sets give for the same rows, no dynamic proxy, and decoder threads that end with the result.
 */
@Timeout(120)
class StreamedResultSetTest {
  private static final TestCollaboration COLLABORATION = TestCollaboration.shared();
  private static final Class<?>[] CONVERSIONS = {Object.class, String.class, Long.class, Integer.class,
      Double.class, BigDecimal.class, Boolean.class, LocalDate.class, LocalDateTime.class, Instant.class,
      OffsetDateTime.class, java.sql.Date.class, java.sql.Timestamp.class};
  private static String jobId;

  @BeforeAll
  static void runTheJob() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.typed_rows()").close();
      jobId = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
    }
  }

  private static String jobResult() {
    return "SELECT * FROM TABLE(cleanrooms.job_result('" + jobId + "', 'rows'))";
  }

  @Test
  void aResultReadAsItIsComesThroughTheDriversOwnResultSetWithNoProxy() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(jobResult())) {
      assertFalse(Proxy.isProxyClass(rs.getClass()), rs.getClass().getName());
      assertEquals("CleanRoomsResultSet", rs.getClass().getSimpleName());
      assertEquals(s, rs.getStatement());
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
      assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
    }
  }

  @Test
  void everyValueStringAndConversionIsWhatCalcitesResultSetGives() throws Exception {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (Connection c = COLLABORATION.connect(); Statement direct = c.createStatement();
        Statement calcite = c.createStatement();
        ResultSet streamed = direct.executeQuery(jobResult());
        // a condition Calcite evaluates: the rows come through Calcite's result set
        ResultSet planned = calcite.executeQuery(jobResult().replace("SELECT *", "SELECT *") + " WHERE id >= 0")) {
      assertFalse(planned.getClass().getSimpleName().equals("CleanRoomsResultSet"));
      assertSameColumns(planned.getMetaData(), streamed.getMetaData());
      int columns = streamed.getMetaData().getColumnCount();
      long rows = 0;
      while (streamed.next()) {
        assertTrue(planned.next(), "Calcite has row " + rows);
        for (int i = 1; i <= columns; i++) {
          String where = "row " + rows + " column " + i;
          assertEquals(planned.getObject(i), streamed.getObject(i), where);
          assertEquals(planned.wasNull(), streamed.wasNull(), where + " wasNull");
          assertEquals(planned.getString(i), streamed.getString(i), where + " getString");
          for (Class<?> type : rows % 50 < 8 ? CONVERSIONS : new Class<?>[0]) {
            assertEquals(outcome(planned, i, type), outcome(streamed, i, type), where + " as " + type.getName());
          }
        }
        assertEquals(planned.getLong("id"), streamed.getLong("id"));
        assertEquals(planned.getInt("qty"), streamed.getInt("qty"));
        assertEquals(planned.wasNull(), streamed.wasNull());
        assertEquals(planned.getDouble("price"), streamed.getDouble("price"));
        assertEquals(planned.getBigDecimal("amount"), streamed.getBigDecimal("amount"));
        assertEquals(planned.getBoolean("active"), streamed.getBoolean("active"));
        assertEquals(planned.getDate("day"), streamed.getDate("day"));
        assertEquals(planned.getDate("day", utc), streamed.getDate("day", utc));
        assertEquals(planned.getTimestamp("at"), streamed.getTimestamp("at"));
        assertEquals(planned.getTimestamp("at", utc), streamed.getTimestamp("at", utc));
        rows++;
      }
      assertFalse(planned.next(), "Calcite has no more rows");
      assertEquals(TypedRowValues.DEFAULT_ROWS, rows);
    }
  }

  /** What {@code getObject(i, type)} gives, or the SQLState it fails with. */
  private static Object outcome(ResultSet rs, int i, Class<?> type) {
    try {
      Object v = rs.getObject(i, type);
      return v instanceof byte[] b ? List.of(b) : v;
    } catch (SQLException e) {
      return "SQLState " + e.getSQLState();
    }
  }

  private static void assertSameColumns(ResultSetMetaData expected, ResultSetMetaData actual) throws SQLException {
    assertEquals(expected.getColumnCount(), actual.getColumnCount());
    for (int i = 1; i <= expected.getColumnCount(); i++) {
      assertEquals(expected.getColumnLabel(i), actual.getColumnLabel(i));
      assertEquals(expected.getColumnName(i), actual.getColumnName(i));
      assertEquals(expected.getColumnType(i), actual.getColumnType(i));
      assertEquals(expected.getColumnTypeName(i), actual.getColumnTypeName(i));
      assertEquals(expected.getPrecision(i), actual.getPrecision(i));
      assertEquals(expected.getScale(i), actual.getScale(i));
      assertEquals(expected.isNullable(i), actual.isNullable(i));
      assertEquals(expected.getColumnClassName(i), actual.getColumnClassName(i));
    }
  }

  @Test
  void theRowsComeInTheOrderOfThePartFiles() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(jobResult())) {
      long i = 0;
      while (rs.next()) {
        assertEquals(i, rs.getLong(1), "row " + i);
        i++;
      }
      assertEquals(TypedRowValues.DEFAULT_ROWS, i);
      assertFalse(rs.next(), "still the end");
    }
  }

  @Test
  void closingMidStreamEndsTheDecoderThreads() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery(jobResult());
      for (int i = 0; i < 10; i++) {
        assertTrue(rs.next());
      }
      assertTrue(decoderThreads() > 0, "decoding while the result is read");
      rs.close();
      assertEquals(0, decoderThreads(), "decoder threads after close");
      SQLException e = assertThrows(SQLException.class, () -> rs.getLong(1));
      assertEquals("24000", e.getSQLState());
    }
  }

  private static long decoderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("cleanrooms-result-decoder-")).count();
  }

  @Test
  void theStatementsMaxRowsCutsTheStream() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement()) {
      s.setMaxRows(4100);
      try (ResultSet rs = s.executeQuery(jobResult())) {
        long n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(4100, n);
      }
    }
  }

  @Test
  void aFailedFileKeepsFailingOnNextInsteadOfEndingTheResult() throws Exception {
    String failingJob;
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL demo.typed_rows()").close();
      failingJob = s.unwrap(CleanRoomsStatement.class).getJobIds().get(0);
    }
    List<String> parts = COLLABORATION.resultKeys(failingJob).stream().filter(k -> k.endsWith(".parquet"))
        .sorted().toList();
    COLLABORATION.truncate(parts.get(parts.size() - 1));
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(jobResult().replace(jobId, failingJob))) {
      List<Long> ids = new ArrayList<>();
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      });
      assertEquals("58030", e.getSQLState(), e.getMessage());
      assertEquals("58030", assertThrows(SQLException.class, rs::next).getSQLState(), "next() again");
      assertTrue(ids.size() < TypedRowValues.DEFAULT_ROWS, "rows before the failure: " + ids.size());
      for (int i = 0; i < ids.size(); i++) {
        assertEquals(i, ids.get(i), "the rows before the failure, in order, none left out");
      }
      assertEquals(0, decoderThreads(), "decoder threads after the failure");
    }
  }

  @Test
  void aCallsFurtherResultsStreamTooAndReadByLabel() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement()) {
      assertTrue(s.execute("CALL demo.two_results()"));
      s.getResultSet().close();
      assertTrue(s.getMoreResults());
      try (ResultSet rs = s.getResultSet()) {
        assertEquals("CleanRoomsResultSet", rs.getClass().getSimpleName());
        int n = 0;
        while (rs.next()) {
          assertEquals(rs.getObject(1), rs.getObject(rs.getMetaData().getColumnLabel(1)));
          n++;
        }
        assertTrue(n > 0);
      }
    }
  }

  @Test
  void getBytesAndStreamsReadTheText() throws Exception {
    try (Connection c = COLLABORATION.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(jobResult())) {
      assertTrue(rs.next());
      assertTrue(rs.next());
      assertArrayEquals("name-1".getBytes(java.nio.charset.StandardCharsets.UTF_8), rs.getBytes("name"));
      assertEquals('n', rs.getCharacterStream("name").read());
      assertEquals(2, rs.getRow());
    }
  }
}
