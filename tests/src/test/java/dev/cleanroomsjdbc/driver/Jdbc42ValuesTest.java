package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.testjobs.TypedRowValues;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDBC 4.2 values: {@code getObject(column, Class)} for every type the driver returns, with the java.time mappings
 * of the specification (DATE as LocalDate, TIMESTAMP as LocalDateTime; Clean Rooms timestamps are UTC instants, so
 * also Instant and OffsetDateTime at UTC), and the version the driver reports.
 */
@Timeout(120)
class Jdbc42ValuesTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void everyColumnReadsAsEachJavaTypeJdbc42MapsItTo() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(demo.typed_rows()) WHERE id IN (1, 7, 12) ORDER BY id")) {
      assertTrue(rs.next());
      assertRow(1, rs);
      assertTrue(rs.next());
      assertNullRow(rs);
      assertTrue(rs.next());
      assertRow(12, rs);
    }
  }

  private static void assertRow(long i, ResultSet rs) throws SQLException {
    Object[] e = TypedRowValues.expectedRow(i);
    assertEquals(e[0], rs.getObject("id", Long.class));
    assertEquals((int) i, rs.getObject("id", Integer.class));
    assertEquals(BigDecimal.valueOf(i), rs.getObject("id", BigDecimal.class));
    assertEquals(String.valueOf(i), rs.getObject("id", String.class));
    assertEquals(e[1], rs.getObject("name", String.class));
    assertEquals(e[2], rs.getObject("qty", Integer.class));
    assertEquals(((Integer) e[2]).longValue(), rs.getObject("qty", Long.class));
    assertEquals(e[3], rs.getObject("price", Double.class));
    assertEquals(e[4], rs.getObject("amount", BigDecimal.class));
    assertEquals(((BigDecimal) e[4]).doubleValue(), rs.getObject("amount", Double.class));
    assertEquals(e[5], rs.getObject("active", Boolean.class));
    assertEquals(e[6], rs.getObject("day", LocalDate.class));
    Instant at = (Instant) e[7];
    assertEquals(at, rs.getObject("at", Instant.class));
    assertEquals(LocalDateTime.ofInstant(at, ZoneOffset.UTC), rs.getObject("at", LocalDateTime.class));
    assertEquals(at.atOffset(ZoneOffset.UTC), rs.getObject("at", OffsetDateTime.class));
    assertEquals(LocalDateTime.ofInstant(at, ZoneOffset.UTC).toLocalDate(), rs.getObject("at", LocalDate.class));
    assertEquals(e[6], rs.getObject(7, LocalDate.class), "by index as by label");
  }

  private static void assertNullRow(ResultSet rs) throws SQLException {
    for (Class<?> type : new Class<?>[] {String.class, Integer.class, LocalDate.class, BigDecimal.class}) {
      assertNull(rs.getObject("name", type));
    }
    assertNull(rs.getObject("day", LocalDate.class));
    assertNull(rs.getObject("at", Instant.class));
    assertNull(rs.getObject("amount", BigDecimal.class));
  }

  @Test
  void aValueWithoutSuchARepresentationIsA22000() throws Exception {
    try (Connection c = collaboration.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(demo.typed_rows()) WHERE id = 1")) {
      assertTrue(rs.next());
      SQLException e = assertThrows(SQLException.class, () -> rs.getObject("name", LocalDate.class));
      assertEquals("22000", e.getSQLState(), e.getMessage());
      SQLException fraction = assertThrows(SQLException.class, () -> rs.getObject("price", Long.class));
      assertEquals("22000", fraction.getSQLState(), "0.25 has no exact Long");
    }
  }

  @Test
  void metadataResultsConvertToo() throws Exception {
    try (Connection c = collaboration.connect();
        ResultSet rs = c.getMetaData().getColumns(null, "demo", "customers", "lifetime_value")) {
      assertTrue(rs.next());
      assertEquals(10, rs.getObject("COLUMN_SIZE", Integer.class));
      assertEquals(10L, rs.getObject("COLUMN_SIZE", Long.class));
      assertEquals("lifetime_value", rs.getObject("COLUMN_NAME", String.class));
    }
  }

  @Test
  void theDriverReportsJdbc42() throws Exception {
    try (Connection c = collaboration.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(4, md.getJDBCMajorVersion());
      assertEquals(2, md.getJDBCMinorVersion());
    }
  }
}
