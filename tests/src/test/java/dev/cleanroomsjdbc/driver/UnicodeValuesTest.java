package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;

/**
 * Any Unicode value round-trips, in a literal, a bound parameter and a template argument: characters outside the
 * Basic Multilingual Plane, combining marks, right-to-left text (Calcite's own default, ISO-8859-1, refused them).
 */
@Timeout(120)
class UnicodeValuesTest {
  static final List<String> VALUES = List.of("é😀", "e\u0301", "שלום עולם", "مرحبا", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "中文字符",
      "a\u200Fb", "zwj👩‍👩‍👧", "it's");

  @BeforeAll
  static void anEchoTemplate() throws SQLException {
    try (CleanRoomsClient advertiser = TestCollaboration.shared().advertiserClient()) {
      if (advertiser.listAnalysisTemplates(b -> b.membershipIdentifier(TestCollaboration.shared().membershipId()))
          .analysisTemplateSummaries().stream().noneMatch(t -> t.name().equals("echo_text"))) {
        advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(TestCollaboration.shared().membershipId())
            .name("echo_text").format(AnalysisFormat.SQL).schema(s -> s.referencedTables("customers"))
            .analysisParameters(AnalysisParameter.builder().name("text").type(ParameterType.VARCHAR).build())
            .source(s -> s.text("SELECT :text AS echoed, COUNT(*) AS customers FROM customers")));
      }
    }
    // connections of this JVM share the collaboration's metadata: a template created since is seen after a refresh
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      s.executeQuery("CALL cleanrooms.refresh_metadata()").close();
    }
  }

  @Test
  void literalsRoundTripInCalciteAndPushedDown() throws SQLException {
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      List<String> literals = VALUES.stream().map(v -> "'" + v.replace("'", "''") + "'").toList();
      for (int i = 0; i < VALUES.size(); i++) {
        assertEquals(VALUES.get(i), single(s, "SELECT " + literals.get(i) + " FROM (VALUES (1)) t(x)"), "in Calcite");
      }
      // one protected query for all of them
      try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", literals) + ", COUNT(*) FROM customers")) {
        assertTrue(rs.next());
        for (int i = 0; i < VALUES.size(); i++) {
          assertEquals(VALUES.get(i), rs.getString(i + 1), "pushed down");
        }
      }
      assertEquals("0", single(s, "SELECT CAST(COUNT(*) AS VARCHAR) FROM customers WHERE segment = 'é😀'"));
    }
  }

  @Test
  void boundParametersRoundTrip() throws SQLException {
    try (Connection c = TestCollaboration.shared().connect();
        PreparedStatement p = c.prepareStatement("SELECT CAST(? AS VARCHAR) AS v, COUNT(*) FROM customers")) {
      for (String v : List.of("é😀", "e\u0301 שלום")) {
        p.setString(1, v);
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(v, rs.getString(1));
        }
      }
    }
  }

  @Test
  void templateArgumentsRoundTripThroughCall() throws SQLException {
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      for (String v : List.of("é😀 e\u0301", "שלום עולם 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")) {
        assertEquals(v, single(s, "CALL echo_text('" + v + "')"));
      }
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
