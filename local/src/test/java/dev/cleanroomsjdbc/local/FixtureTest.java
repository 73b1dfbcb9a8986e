package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.fixture.FixtureIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.s3.S3Client;

/** A small fixture (inline rows, a CSV file, a SQL and a PySpark template) applied and then read back via the SDK. */
@Timeout(60)
class FixtureTest {
  private static final String COLLABORATION = "shop_x_partner";
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED", "TIMED_OUT");

  private static LocalCleanRooms local;
  private static FixtureIds ids;
  private static CleanRoomsClient shop;
  private static CleanRoomsClient partner;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder()
        .fixture(FixtureTest.class.getResource("/dev/cleanroomsjdbc/local/fixture/shop-fixture.yaml"))
        .start();
    ids = local.fixtures().get(0);
    shop = DemoCollaboration.client(local.endpoint(), "AKIALOCALSHOP0000001", "shop-secret");
    partner = DemoCollaboration.client(local.endpoint(), "AKIALOCALPARTNER0001", "partner-secret");
    s3 = S3Client.builder().endpointOverride(local.s3().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIALOCALSHOP0000001",
            "shop-secret"))).build();
  }

  @AfterAll
  static void stop() {
    shop.close();
    partner.close();
    s3.close();
    local.close();
  }

  @Test
  void collaborationAndMembershipsAreCreatedAsDeclared() {
    String collaborationId = ids.collaboration(COLLABORATION);
    var collaboration = partner.getCollaboration(b -> b.collaborationIdentifier(collaborationId)).collaboration();
    assertEquals("333333333333", collaboration.creatorAccountId());
    assertEquals("SPARK", collaboration.analyticsEngineAsString());
    assertEquals(ids.membership(COLLABORATION, "partner"), collaboration.membershipId());
    var members = shop.listMembers(b -> b.collaborationIdentifier(collaborationId)).memberSummaries().stream()
        .collect(Collectors.toMap(m -> m.displayName(), m -> m.abilitiesAsStrings()));
    assertEquals(Map.of("shop", List.of("CAN_QUERY", "CAN_RECEIVE_RESULTS", "CAN_RUN_JOB"), "partner", List.of()),
        members);
    var membership = shop.getMembership(b -> b.membershipIdentifier(ids.membership(COLLABORATION, "shop")))
        .membership();
    assertEquals("shop-results", membership.defaultJobResultConfiguration().outputConfiguration().s3().bucket());
    assertEquals("CSV", membership.defaultResultConfiguration().outputConfiguration().s3().resultFormatAsString());
    assertEquals("arn:aws:iam::333333333333:role/CleanRoomsQueryResults",
        membership.defaultResultConfiguration().roleArn());
  }

  @Test
  void tablesRulesAndAssociationsAreVisibleToTheirOwners() {
    var visits = partner.getConfiguredTable(b -> b.configuredTableIdentifier(ids.configuredTables().get("visits")))
        .configuredTable();
    assertEquals(List.of("customer_id", "seconds"), visits.allowedColumns());
    assertEquals("partner_db", visits.tableReference().glue().databaseName());
    var rule = partner.getConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(visits.id())
        .analysisRuleType("CUSTOM")).analysisRule().policy().v1().custom();
    assertEquals(List.of("333333333333"), rule.allowedAnalysisProviders());
    assertEquals(List.of("orders"), shop.listConfiguredTables(b -> { }).configuredTableSummaries().stream()
        .map(t -> t.name()).toList());
    assertEquals(List.of("partner_visits"), partner.listConfiguredTableAssociations(b -> b
        .membershipIdentifier(ids.membership(COLLABORATION, "partner"))).configuredTableAssociationSummaries()
        .stream().map(a -> a.name()).toList());
    var schema = shop.getSchema(b -> b.collaborationIdentifier(ids.collaboration(COLLABORATION)).name("orders"))
        .schema();
    assertEquals("order_id bigint, customer_id int, amount decimal(8,2), ordered_on date",
        schema.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ")));
  }

  @Test
  void templatesCarryTheirTextParametersAndEntryPointFile() throws Exception {
    String membership = ids.membership(COLLABORATION, "shop");
    assertEquals(List.of("big_orders", "engagement"), shop.listAnalysisTemplates(b -> b
        .membershipIdentifier(membership)).analysisTemplateSummaries().stream().map(t -> t.name()).toList());
    AnalysisTemplate sql = template(membership, "big_orders");
    assertEquals("SQL", sql.formatAsString());
    assertTrue(sql.source().text().contains(":min_amount"), sql.source().text());
    assertEquals("10", sql.analysisParameters().get(0).defaultValue());
    AnalysisTemplate pyspark = template(membership, "engagement");
    var location = pyspark.source().artifacts().entryPoint().location();
    byte[] code = s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key())).asByteArray();
    assertTrue(new String(code, StandardCharsets.UTF_8).startsWith("-- result: engagement"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code)),
        pyspark.sourceMetadata().artifacts().entryPointHash().sha256());
  }

  @Test
  void sqlTemplateQueryReadsTheInlineRows() throws Exception {
    ProtectedQuery started = shop.startProtectedQuery(b -> b
        .membershipIdentifier(ids.membership(COLLABORATION, "shop"))
        .type("SQL")
        .sqlParameters(p -> p.analysisTemplateArn(ids.templateArn(COLLABORATION, "big_orders")))
        .resultConfiguration(r -> r.outputConfiguration(o -> o.s3(s -> s.bucket("shop-results")
            .keyPrefix("queries").resultFormat("CSV").singleFileOutput(true))))).protectedQuery();
    ProtectedQuery query = awaitQuery(started.id());
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    assertEquals(List.of(List.of("order_id", "amount"), List.of("1", "19.99"), List.of("3", "42.50")),
        QueryResultFiles.csv(s3, "shop-results", "queries/" + query.id() + "/result.csv"));
  }

  @Test
  void jobOverInlineAndCsvTablesSucceeds() throws Exception {
    String membership = ids.membership(COLLABORATION, "shop");
    ProtectedJob started = shop.startProtectedJob(b -> b.membershipIdentifier(membership).type("PYSPARK")
        .jobParameters(p -> p.analysisTemplateArn(ids.templateArn(COLLABORATION, "engagement")))).protectedJob();
    ProtectedJob job = started;
    while (!ENDED.contains(job.statusAsString())) {
      Thread.sleep(20);
      job = shop.getProtectedJob(b -> b.membershipIdentifier(membership).protectedJobIdentifier(started.id()))
          .protectedJob();
    }
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
    String prefix = "jobs/" + job.id() + "/engagement/";
    var parts = s3.listObjectsV2(b -> b.bucket("shop-results").prefix(prefix)).contents().stream()
        .map(o -> o.key()).filter(k -> k.endsWith(".parquet")).toList();
    List<List<String>> rows = QueryResultFiles.parquet(s3, "shop-results", parts.get(0));
    assertEquals(List.of(List.of("customer_id", "orders", "seconds"), List.of("10", "2", "85.5"),
        List.of("11", "1", "3.0")), rows);
  }

  private static AnalysisTemplate template(String membership, String name) {
    String id = shop.listAnalysisTemplates(b -> b.membershipIdentifier(membership)).analysisTemplateSummaries()
        .stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    return shop.getAnalysisTemplate(b -> b.membershipIdentifier(membership).analysisTemplateIdentifier(id))
        .analysisTemplate();
  }

  private static ProtectedQuery awaitQuery(String id) throws InterruptedException {
    String membership = ids.membership(COLLABORATION, "shop");
    ProtectedQuery query = shop.getProtectedQuery(b -> b.membershipIdentifier(membership).protectedQueryIdentifier(id))
        .protectedQuery();
    while (!ENDED.contains(query.statusAsString())) {
      Thread.sleep(20);
      query = shop.getProtectedQuery(b -> b.membershipIdentifier(membership).protectedQueryIdentifier(id))
          .protectedQuery();
    }
    return query;
  }
}
