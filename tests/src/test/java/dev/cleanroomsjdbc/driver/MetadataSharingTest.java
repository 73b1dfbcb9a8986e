package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metadata shared by a JVM's connections: on a collaboration of 200 tables, a new connection of the same
 * membership and identity browses tables, columns and procedures without one request to Clean Rooms within the
 * time-to-live; a cold browse makes only the calls the batch limits require; refresh_metadata drops it.
 * Requests are counted where they arrive, at the local Clean Rooms.
 */
@Timeout(180)
class MetadataSharingTest {
  private static final int TABLES = 200;
  private static final int TEMPLATES = 12;
  private static LocalCleanRooms local;
  private static String url;

  @BeforeAll
  static void startAWideCollaboration() throws Exception {
    Path fixture = Files.createTempFile("wide-collaboration", ".yaml");
    Files.writeString(fixture, fixture());
    local = LocalCleanRooms.builder().seedDemo(false).fixture(fixture).start();
    String membership = local.fixtures().get(0).membership("wide", "wide");
    url = "jdbc:cleanrooms://us-east-1/" + membership + "?cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint="
        + local.s3().endpoint() + "&credentials=STATIC&accessKeyId=AKIALOCALWIDE0000001";
  }

  @AfterAll
  static void stop() {
    if (local != null) {
      local.close();
    }
  }

  @BeforeEach
  void nothingShared() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.executeQuery("CALL cleanrooms.refresh_metadata()").close();
    }
  }

  private static String fixture() {
    StringBuilder y = new StringBuilder("accounts:\n  - {name: wide, id: \"555555555555\", accessKeyId:"
        + " AKIALOCALWIDE0000001, secretAccessKey: wide-secret}\nbuckets: [wide-results]\ntables:\n");
    for (int i = 0; i < TABLES; i++) {
      y.append("  - {database: wide_db, name: t").append(i).append(", location: \"s3://wide-data/t").append(i)
          .append("/\", columns: [{name: id, type: bigint}, {name: label, type: string}]}\n");
    }
    y.append("configuredTables:\n");
    for (int i = 0; i < TABLES; i++) {
      y.append("  - {name: t").append(i).append(", account: wide, table: wide_db.t").append(i)
          .append(", analysisRules: [{type: CUSTOM, allowedAnalyses: [ANY_QUERY]}]}\n");
    }
    y.append("collaborations:\n  - name: wide\n    creator: wide\n    creatorAbilities: [CAN_QUERY, CAN_RECEIVE_RESULTS]\n"
        + "    memberships:\n      - account: wide\n        defaultResultConfiguration: {bucket: wide-results,"
        + " keyPrefix: queries, resultFormat: CSV}\n    associations:\n");
    for (int i = 0; i < TABLES; i++) {
      y.append("      - {configuredTable: t").append(i).append("}\n");
    }
    y.append("    templates:\n");
    for (int i = 0; i < TEMPLATES; i++) {
      y.append("      - {name: count_").append(i).append(", text: \"SELECT COUNT(*) AS n FROM t").append(i)
          .append("\", referencedTables: [t").append(i).append("]}\n");
    }
    return y.toString();
  }

  private static Connection connect(String more) throws SQLException {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", "wide-secret");
    return DriverManager.getConnection(url + more, p);
  }

  /** Browses as a BI tool's schema tree does: every table, every column, every procedure. */
  private static void browse(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    assertEquals(TABLES, count(md.getTables(null, "wide", "%", new String[] {"TABLE"})), "tables");
    assertEquals(TABLES * 2, count(md.getColumns(null, "wide", "%", "%")), "columns");
    assertEquals(TEMPLATES, count(md.getProcedures(null, "wide", "%")), "procedures");
  }

  private static int count(ResultSet rs) throws SQLException {
    try (rs) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  /** Requests received since {@code before}, by operation. */
  private static Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> delta = new HashMap<>();
    local.requestCounts().forEach((op, n) -> {
      long d = n - before.getOrDefault(op, 0L);
      if (d > 0) {
        delta.put(op, d);
      }
    });
    return delta;
  }

  @Test
  void aNewConnectionBrowsesWithNoRequestWithinTheTimeToLive() throws Exception {
    try (Connection first = connect("")) {
      browse(first);
    }
    Map<String, Long> before = local.requestCounts();
    try (Connection second = connect("")) {
      browse(second);
    }
    assertEquals(Map.of(), since(before), "requests of the second connection");
  }

  @Test
  void aColdBrowseMakesOnlyTheCallsTheBatchLimitsRequire() throws Exception {
    Map<String, Long> before = local.requestCounts();
    try (Connection c = connect("")) {
      browse(c);
    }
    Map<String, Long> calls = since(before);
    assertEquals(1L, calls.get("GetMembership"), calls.toString());
    assertEquals((long) batches(TABLES, 25), calls.get("BatchGetSchema"), "BatchGetSchema takes 25 names");
    assertEquals((long) batches(TEMPLATES, 10), calls.get("BatchGetCollaborationAnalysisTemplate"),
        "BatchGetCollaborationAnalysisTemplate takes 10 ARNs");
    assertTrue(calls.getOrDefault("BatchGetSchemaAnalysisRule", 0L) <= batches(TABLES, 25), calls.toString());
    assertTrue(calls.get("ListSchemas") <= batches(TABLES, 25), "ListSchemas pages: " + calls);
    assertEquals(1L, calls.get("ListCollaborationAnalysisTemplates"), calls.toString());
    assertEquals(Map.of(), Map.copyOf(withoutMetadataCalls(calls)), "no call per table");
  }

  /** Calls of a batch operation taking {@code limit} names for {@code n} names. */
  private static int batches(int n, int limit) {
    return (n + limit - 1) / limit;
  }

  private static Map<String, Long> withoutMetadataCalls(Map<String, Long> calls) {
    Map<String, Long> rest = new HashMap<>(calls);
    for (String op : new String[] {"GetMembership", "ListSchemas", "BatchGetSchema", "BatchGetSchemaAnalysisRule",
        "ListCollaborationAnalysisTemplates", "BatchGetCollaborationAnalysisTemplate"}) {
      rest.remove(op);
    }
    return rest;
  }

  @Test
  void refreshMetadataMakesTheNextConnectionReadItAgain() throws Exception {
    try (Connection c = connect("")) {
      browse(c);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("CALL cleanrooms.refresh_metadata()")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt("cleared"));
      }
    }
    Map<String, Long> before = local.requestCounts();
    try (Connection c = connect("")) {
      browse(c);
    }
    assertEquals((long) batches(TABLES, 25), since(before).get("BatchGetSchema"));
  }

  @Test
  void aZeroTimeToLiveSharesNothing() throws Exception {
    try (Connection c = connect("&metadataCacheTtlSeconds=0")) {
      browse(c);
    }
    Map<String, Long> before = local.requestCounts();
    try (Connection c = connect("&metadataCacheTtlSeconds=0")) {
      browse(c);
    }
    assertEquals(1L, since(before).get("GetMembership"));
  }
}
