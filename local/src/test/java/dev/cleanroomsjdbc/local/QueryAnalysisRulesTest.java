package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/** AGGREGATION and LIST analysis rules on protected queries, driven and observed through the SDK clients only. */
@Timeout(60)
class QueryAnalysisRulesTest {
  private static final String AGGREGATION = "Aggregation analysis rule";
  private static final String LIST = "List analysis rule";
  private static final String JOINED = " FROM pub_visits v INNER JOIN adv_users u ON v.visitor_id = u.user_id";

  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static DemoClients clients;
  private static CleanRoomsClient advertiser;
  private static CleanRoomsClient publisher;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    demo = local.demo().orElseThrow();
    clients = new DemoClients(local);
    advertiser = clients.advertiser();
    publisher = clients.publisher();
    s3 = clients.s3();
    RuleTables.create(local, demo, advertiser, publisher, s3);
  }

  @AfterAll
  static void stop() {
    clients.close();
    local.close();
  }

  @Test
  void aggregationQueryDropsRowsBelowTheCountDistinctMinimum() throws Exception {
    // east has one distinct visitor that is an advertiser user, below pub_visits' minimum of 2
    assertEquals(List.of(List.of("region", "spend", "visitors"), List.of("north", "6.0", "2"),
        List.of("south", "9.0", "2")), rows("SELECT v.region, SUM(v.spend) AS spend,"
            + " COUNT(DISTINCT v.visitor_id) AS visitors" + JOINED + " GROUP BY v.region ORDER BY v.region;"));
  }

  @Test
  void aggregationQueryMayUseAllowedScalarFunctionsAndFilterOnDimensions() throws Exception {
    // user 1 visits twice, so AVG(ltv) over the joined rows is (10 + 10 + 20) / 3
    assertEquals(List.of(List.of("tier", "spend", "ltv"), List.of("gold", "6.0", "13.33")),
        rows("SELECT LOWER(u.tier) AS tier, ROUND(SUM(v.spend), 1) AS spend, ROUND(AVG(u.ltv), 2) AS ltv" + JOINED
            + " WHERE v.region = 'north' GROUP BY LOWER(u.tier) HAVING SUM(v.spend) > 1 ORDER BY tier"));
  }

  @Test
  void globalAggregateBelowTheMinimumReturnsNoRow() throws Exception {
    assertEquals(List.of(List.of("spend")),
        rows("SELECT SUM(v.spend) AS spend" + JOINED + " WHERE v.region = 'east'"));
  }

  @Test
  void listQueryReturnsTheJoinedRows() throws Exception {
    assertEquals(List.of(List.of("tier", "region"), List.of("bronze", "east"), List.of("gold", "north"),
        List.of("silver", "south")), rows("SELECT DISTINCT u.tier, v.region FROM adv_list u"
            + " INNER JOIN pub_list v ON u.user_id = v.visitor_id ORDER BY u.tier, v.region"));
  }

  static Stream<Arguments> refusedQueries() {
    return Stream.of(
        Arguments.of("SELECT v.visitor_id, SUM(v.spend) AS s" + JOINED + " GROUP BY v.visitor_id",
            AGGREGATION, "pub_visits", "column visitor_id in SELECT"),
        Arguments.of("SELECT *" + JOINED, AGGREGATION, "pub_visits", "SELECT *"),
        Arguments.of("SELECT v.region, SUM(v.visitor_id) AS s" + JOINED + " GROUP BY v.region",
            AGGREGATION, "pub_visits", "SUM of column visitor_id"),
        Arguments.of("SELECT v.region, MAX(v.spend) AS s" + JOINED + " GROUP BY v.region",
            AGGREGATION, "pub_visits", "aggregate function MAX"),
        Arguments.of("SELECT v.region, COUNT(*) AS n" + JOINED + " GROUP BY v.region",
            AGGREGATION, "pub_visits", "one aggregate column"),
        Arguments.of("SELECT UPPER(v.region) AS r, SUM(v.spend) AS s" + JOINED + " GROUP BY UPPER(v.region)",
            AGGREGATION, "pub_visits", "function UPPER"),
        Arguments.of("SELECT v.region FROM pub_visits v GROUP BY v.region",
            AGGREGATION, "pub_visits", "joinRequired QUERY_RUNNER"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s FROM pub_visits v INNER JOIN adv_users u"
            + " ON v.region = u.tier GROUP BY v.region", AGGREGATION, "pub_visits", "joining on column region"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s FROM pub_visits v INNER JOIN adv_users u"
            + " ON v.visitor_id = u.user_id OR v.visitor_id = u.user_id GROUP BY v.region",
            AGGREGATION, "pub_visits", "join operator OR"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s" + JOINED + " WHERE v.spend > 1 GROUP BY v.region",
            AGGREGATION, "pub_visits", "column spend in WHERE"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s FROM pub_visits v LEFT JOIN adv_users u"
            + " ON v.visitor_id = u.user_id GROUP BY v.region", AGGREGATION, "pub_visits", "LEFT join"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s" + JOINED
            + " WHERE v.region IN (SELECT region FROM pub_visits) GROUP BY v.region",
            AGGREGATION, "pub_visits", "subqueries"),
        Arguments.of("SELECT v.region" + JOINED + " GROUP BY v.region",
            AGGREGATION, "pub_visits", "without an aggregate function"),
        Arguments.of("SELECT v.region, v.spend FROM adv_list u INNER JOIN pub_list v ON u.user_id = v.visitor_id",
            LIST, "pub_list", "column spend in SELECT"),
        Arguments.of("SELECT region FROM pub_list", LIST, "pub_list", "does not INNER JOIN"),
        Arguments.of("SELECT COUNT(v.region) AS n FROM adv_list u INNER JOIN pub_list v"
            + " ON u.user_id = v.visitor_id", LIST, "adv_list", "aggregate function COUNT"),
        Arguments.of("SELECT v.region, SUM(v.spend) AS s FROM pub_visits v INNER JOIN adv_list u"
            + " ON v.visitor_id = u.user_id GROUP BY v.region", "same analysis rule type", "pub_visits",
            "adv_list"));
  }

  @ParameterizedTest
  @MethodSource("refusedQueries")
  void queryBreakingTheRuleIsRefusedAtStart(String sql, String rule, String table, String what) {
    ValidationException e = assertThrows(ValidationException.class, () -> start(sql));
    assertEquals("INVALID_QUERY", e.reasonAsString(), e.getMessage());
    for (String part : List.of(rule, table, what)) {
      assertTrue(e.getMessage().contains(part), part + " not in: " + e.getMessage());
    }
  }

  @Test
  void sqlTemplateOnAnAggregationTableIsRefused() {
    String arn = advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name("visits_by_region").format(AnalysisFormat.SQL).schema(s -> s.referencedTables("pub_visits"))
        .source(s -> s.text("SELECT v.region, SUM(v.spend) AS s" + JOINED + " GROUP BY v.region")))
        .analysisTemplate().arn();
    ValidationException e = assertThrows(ValidationException.class, () -> advertiser.startProtectedQuery(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).type(ProtectedQueryType.SQL)
        .sqlParameters(p -> p.analysisTemplateArn(arn))));
    assertTrue(e.getMessage().contains(AGGREGATION) && e.getMessage().contains("analysis templates"),
        e.getMessage());
  }

  private static List<List<String>> rows(String sql) throws Exception {
    ProtectedQuery query = awaitEnd(start(sql).id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    return QueryResultFiles.csv(s3, DemoCollaboration.RESULT_BUCKET, "rules/" + query.id() + "/result.csv");
  }

  private static ProtectedQuery start(String sql) {
    return advertiser.startProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedQueryType.SQL).sqlParameters(p -> p.queryString(sql))
        .resultConfiguration(ProtectedQueryTest.s3Output(ResultFormat.CSV, "rules", true))).protectedQuery();
  }

  private static ProtectedQuery awaitEnd(String queryId) {
    ProtectedQuery query = get(queryId);
    while (!ProtectedQueryTest.ENDED.contains(query.statusAsString())) {
      ProtectedQueryTest.sleep();
      query = get(queryId);
    }
    return query;
  }

  private static ProtectedQuery get(String queryId) {
    return advertiser.getProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedQueryIdentifier(queryId)).protectedQuery();
  }
}
