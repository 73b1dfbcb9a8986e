package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Result files changed through the SDK between the job's SUCCESS and the driver's listing (from the progress
 * listener, which hears SUCCESS before the results are listed): no row is lost without an error.
 */
@Timeout(120)
class ResultTamperingTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();

  @Test
  void aCallWhosePartFileWasDeletedFailsWithResultIoError() throws Exception {
    SQLException e = tampered("CALL demo.typed_rows()", collaboration::resultKeys, true);
    assertEquals("58030", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void aCallWhosePartFileWasEmptiedFailsWithResultIoError() throws Exception {
    SQLException e = tampered("CALL demo.typed_rows()", collaboration::resultKeys, false);
    assertEquals("58030", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
  }

  @Test
  void aSelectWhosePartFileWasDeletedFailsWithResultIoError() throws Exception {
    SQLException e = tampered("SELECT * FROM demo.customers", collaboration::queryResultKeys, true);
    assertEquals("58030", e.getSQLState(), e.getMessage());
  }

  @Test
  void aSelectWhosePartFileWasEmptiedFailsWithResultIoError() throws Exception {
    SQLException e = tampered("SELECT * FROM demo.customers", collaboration::queryResultKeys, false);
    assertEquals("58030", e.getSQLState(), e.getMessage());
  }

  /** Runs {@code sql}, deleting or emptying the first data file of its results once the run has succeeded. */
  private SQLException tampered(String sql, Function<String, List<String>> keysOf, boolean delete) throws Exception {
    String[] touched = new String[1];
    try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
      s.unwrap(CleanRoomsStatement.class).setProgressListener(p -> {
        if (p.status().equals("SUCCESS") && touched[0] == null) {
          List<String> data = keysOf.apply(p.id()).stream()
              .filter(k -> k.contains("/part-") && !k.endsWith(".crc")).sorted().toList();
          assertTrue(data.size() >= 2, "the result spans several part files: " + data);
          touched[0] = data.get(0);
          collaboration.tamper(touched[0], delete);
        }
      });
      return assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }, "reading on after " + touched[0] + " was " + (delete ? "deleted" : "emptied"));
    }
  }
}
