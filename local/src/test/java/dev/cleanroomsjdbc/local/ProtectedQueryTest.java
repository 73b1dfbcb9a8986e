package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ListProtectedQueriesResponse;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryResultConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;
import software.amazon.awssdk.services.cleanrooms.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.cleanrooms.model.StartProtectedQueryRequest;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedQueryStatus;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/** Protected queries on the demo collaboration, driven and observed through the SDK clients only. */
@Timeout(90)
class ProtectedQueryTest {
  static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED", "TIMED_OUT");
  static final String SEGMENTS =
      "SELECT segment, COUNT(*) AS customers FROM customers GROUP BY segment ORDER BY segment";
  /** 20,000 x 20,000 rows: runs for far longer than any test waits, until it is cancelled. */
  static final String SLOW = "SELECT COUNT(*) AS n FROM impressions a CROSS JOIN impressions b";

  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static DemoClients clients;
  private static CleanRoomsClient advertiser;
  private static CleanRoomsClient publisher;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).rowsPerPart(10).start();
    demo = local.demo().orElseThrow();
    clients = new DemoClients(local);
    advertiser = clients.advertiser();
    publisher = clients.publisher();
    s3 = clients.s3();
  }

  @AfterAll
  static void stop() {
    clients.close();
    local.close();
  }

  @Test
  void queryWithoutResultConfigurationWritesParquetToTheDefaultLocation() throws Exception {
    ProtectedQuery started = start(b -> b.sqlParameters(p -> p.queryString(SEGMENTS)));
    assertEquals("SUBMITTED", started.statusAsString());
    assertEquals("PARQUET", started.resultConfiguration().outputConfiguration().s3().resultFormatAsString());
    ProtectedQuery query = awaitEnd(started.id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    assertEquals("s3://demo-results/queries/" + query.id() + "/", query.result().output().s3().location());
    assertTrue(query.statistics().totalDurationInMillis() >= 0);
    List<String> keys = keys("queries/" + query.id() + "/");
    assertTrue(keys.contains("queries/" + query.id() + "/_SUCCESS"), keys.toString());
    String part = keys.stream().filter(k -> k.endsWith(".parquet")).findFirst().orElseThrow();
    assertEquals(List.of(List.of("segment", "customers"), List.of("lapsed", "500"), List.of("loyal", "500"),
        List.of("new", "500"), List.of("vip", "500")), QueryResultFiles.parquet(s3, "demo-results", part));
  }

  @Test
  void csvResultIsSplitIntoPartFilesEachWithAHeader() throws Exception {
    ProtectedQuery query = awaitEnd(start(b -> b.sqlParameters(p -> p.queryString(
            "SELECT customer_id, segment, signup_date, lifetime_value FROM customers WHERE customer_id <= 25"
                + " ORDER BY customer_id;"))
        .resultConfiguration(s3Output(ResultFormat.CSV, "adhoc/csv", false))).id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    assertEquals("s3://demo-results/adhoc/csv/" + query.id() + "/", query.result().output().s3().location());
    List<String> parts = keys("adhoc/csv/" + query.id() + "/").stream().filter(k -> k.endsWith(".csv")).toList();
    assertEquals(3, parts.size(), parts.toString());
    List<List<String>> rows = new ArrayList<>();
    for (String part : parts) {
      List<List<String>> records = QueryResultFiles.csv(s3, "demo-results", part);
      assertEquals(List.of("customer_id", "segment", "signup_date", "lifetime_value"), records.get(0));
      rows.addAll(records.subList(1, records.size()));
    }
    assertEquals(25, rows.size());
    assertEquals(List.of("1", "vip", "2023-02-07", "79.19"), rows.get(0));
  }

  @Test
  void singleFileOutputIsOneObject() {
    ProtectedQuery query = awaitEnd(start(b -> b.sqlParameters(p -> p.queryString(
            "SELECT i.campaign, COUNT(*) AS impressions FROM impressions i JOIN customers c"
                + " ON c.customer_id = i.customer_id GROUP BY i.campaign ORDER BY i.campaign"))
        .resultConfiguration(s3Output(ResultFormat.CSV, "single", true))).id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    String key = "single/" + query.id() + "/result.csv";
    assertEquals(List.of(key), keys("single/" + query.id() + "/"));
    assertEquals("s3://demo-results/" + key, query.result().output().s3().location());
    String text = QueryResultFiles.text(s3, "demo-results", key);
    assertTrue(text.startsWith("campaign,impressions\r\nback_to_school,"), text);
    assertEquals(5, text.split("\r\n").length, text);
  }

  @Test
  void sqlTemplateBindsGivenValuesAndDefaults() throws Exception {
    String arn = advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name("segment_count").format(AnalysisFormat.SQL).schema(s -> s.referencedTables("customers"))
        .source(s -> s.text("SELECT COUNT(*) AS n FROM customers WHERE segment = :segment"
            + " AND customer_id <= :max_id -- ':segment' in a comment stays"))
        .analysisParameters(
            AnalysisParameter.builder().name("segment").type(ParameterType.VARCHAR).defaultValue("vip").build(),
            AnalysisParameter.builder().name("max_id").type(ParameterType.INTEGER).build()))
        .analysisTemplate().arn();
    assertEquals("25", countByTemplate(arn, Map.of("segment", "new", "max_id", "101")));
    assertEquals("26", countByTemplate(arn, Map.of("max_id", "101")));
    ValidationException missing = assertThrows(ValidationException.class,
        () -> start(b -> b.sqlParameters(p -> p.analysisTemplateArn(arn).parameters(Map.of("segment", "new")))));
    assertTrue(missing.getMessage().contains("max_id"), missing.getMessage());
  }

  @Test
  void malformedQueryFailsWithMalformedQuery() {
    ProtectedQuery query = awaitEnd(start(b -> b.sqlParameters(p -> p.queryString("SELEC segment FROM customers")))
        .id());
    assertEquals("FAILED", query.statusAsString());
    assertEquals("MALFORMED_QUERY", query.error().code());
    assertNull(query.result());
  }

  @Test
  void cancelWhileRunningCancelsTheQuery() {
    ProtectedQuery query = start(b -> b.sqlParameters(p -> p.queryString(SLOW)));
    awaitStatus(query.id(), "STARTED");
    ProtectedQuery cancelling = cancel(query.id());
    assertTrue(Set.of("CANCELLING", "CANCELLED").contains(cancelling.statusAsString()), cancelling.toString());
    assertEquals("CANCELLED", awaitEnd(query.id()).statusAsString());
  }

  @Test
  void sixthConcurrentQueryExceedsTheQuota() {
    List<String> running = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        running.add(start(b -> b.sqlParameters(p -> p.queryString(SLOW))).id());
      }
      ServiceQuotaExceededException e = assertThrows(ServiceQuotaExceededException.class,
          () -> start(b -> b.sqlParameters(p -> p.queryString(SEGMENTS))));
      assertEquals(402, e.statusCode());
      assertEquals("Concurrent protected queries per membership", e.quotaName());
      assertEquals(5.0, e.quotaValue());
    } finally {
      running.forEach(ProtectedQueryTest::cancel);
      running.forEach(ProtectedQueryTest::awaitEnd);
    }
  }

  @Test
  void directJobOnlyTableIsRefused() {
    local.registerGlueTable("advertiser_db", "vault", List.of(new ColumnSpec("customer_id", "bigint")),
        new S3Location("advertiser-data", "customers/"), "PARQUET");
    String tableId = advertiser.createConfiguredTable(b -> b.name("vault")
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("vault")))
        .allowedColumns("customer_id").analysisMethod("DIRECT_JOB")).configuredTable().id();
    advertiser.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
        .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_JOB")))));
    advertiser.createConfiguredTableAssociation(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .configuredTableIdentifier(tableId).name("vault").roleArn("arn:aws:iam::111111111111:role/r"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> start(b -> b.sqlParameters(p -> p.queryString("SELECT COUNT(*) FROM vault"))));
    assertTrue(e.getMessage().contains("vault") && e.getMessage().contains("DIRECT_QUERY"), e.getMessage());
  }

  @Test
  void memberWithoutCanQueryIsDenied() {
    assertThrows(AccessDeniedException.class, () -> publisher.startProtectedQuery(b -> b
        .membershipIdentifier(demo.publisherMembershipId()).type(ProtectedQueryType.SQL)
        .sqlParameters(p -> p.queryString(SEGMENTS))));
  }

  @Test
  void memberOutputGoesToTheReceiversDefaultAndNeedsAReceiver() {
    ProtectedQuery query = awaitEnd(start(b -> b.sqlParameters(p -> p.queryString(SEGMENTS))
        .resultConfiguration(r -> r.outputConfiguration(o -> o.member(m -> m
            .accountId(DemoCollaboration.ADVERTISER_ACCOUNT))))).id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    assertEquals(DemoCollaboration.ADVERTISER_ACCOUNT, query.result().output().memberList().get(0).accountId());
    assertTrue(keys("queries/" + query.id() + "/").contains("queries/" + query.id() + "/_SUCCESS"));
    assertThrows(ValidationException.class, () -> start(b -> b.sqlParameters(p -> p.queryString(SEGMENTS))
        .resultConfiguration(r -> r.outputConfiguration(o -> o.member(m -> m
            .accountId(DemoCollaboration.PUBLISHER_ACCOUNT))))));
  }

  @Test
  void listPagesNewestFirstAndFiltersByStatus() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(0, awaitEnd(start(b -> b.sqlParameters(p -> p.queryString(SEGMENTS))).id()).id());
    }
    List<String> listed = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListProtectedQueriesResponse page = advertiser.listProtectedQueries(b -> b
          .membershipIdentifier(demo.advertiserMembershipId()).status("SUCCESS").maxResults(2).nextToken(next));
      assertTrue(page.protectedQueries().size() <= 2);
      page.protectedQueries().forEach(q -> listed.add(q.id()));
      page.protectedQueries().forEach(q -> assertEquals("SUCCESS", q.statusAsString()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertTrue(pages >= 2, "pages: " + pages);
    assertEquals(ids, listed.subList(0, 3));
    assertEquals(List.of(DemoCollaboration.ADVERTISER_ACCOUNT), advertiser.listProtectedQueries(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())).protectedQueries().get(0).receiverConfigurations()
        .get(0).configurationDetails().directAnalysisConfigurationDetails().receiverAccountIds());
  }

  private static String countByTemplate(String arn, Map<String, String> parameters) throws Exception {
    ProtectedQuery query = awaitEnd(start(b -> b.sqlParameters(p -> p.analysisTemplateArn(arn).parameters(parameters))
        .resultConfiguration(s3Output(ResultFormat.CSV, "templates", true))).id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    assertEquals(parameters, query.sqlParameters().parameters());
    return QueryResultFiles.csv(s3, "demo-results", "templates/" + query.id() + "/result.csv").get(1).get(0);
  }

  static ProtectedQueryResultConfiguration s3Output(ResultFormat format, String keyPrefix, boolean singleFile) {
    return ProtectedQueryResultConfiguration.builder().outputConfiguration(o -> o.s3(s -> s.resultFormat(format)
        .bucket(DemoCollaboration.RESULT_BUCKET).keyPrefix(keyPrefix).singleFileOutput(singleFile))).build();
  }

  private static ProtectedQuery start(Consumer<StartProtectedQueryRequest.Builder> request) {
    return advertiser.startProtectedQuery(b -> {
      b.membershipIdentifier(demo.advertiserMembershipId()).type(ProtectedQueryType.SQL);
      request.accept(b);
    }).protectedQuery();
  }

  private static ProtectedQuery cancel(String queryId) {
    return advertiser.updateProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedQueryIdentifier(queryId).targetStatus(TargetProtectedQueryStatus.CANCELLED)).protectedQuery();
  }

  private static ProtectedQuery get(String queryId) {
    return advertiser.getProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedQueryIdentifier(queryId)).protectedQuery();
  }

  private static ProtectedQuery awaitEnd(String queryId) {
    ProtectedQuery query = get(queryId);
    while (!ENDED.contains(query.statusAsString())) {
      sleep();
      query = get(queryId);
    }
    return query;
  }

  private static void awaitStatus(String queryId, String status) {
    while (!status.equals(get(queryId).statusAsString())) {
      sleep();
    }
  }

  static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> keys(String prefix) {
    return s3.listObjectsV2(b -> b.bucket("demo-results").prefix(prefix)).contents().stream()
        .map(o -> o.key()).toList();
  }
}
