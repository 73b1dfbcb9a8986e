package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.Collaboration;
import software.amazon.awssdk.services.cleanrooms.model.MemberSummary;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.Schema;
import software.amazon.awssdk.services.s3.S3Client;

/** The seeded demo, read back through the SDK exactly as a driver or a user would see it. */
@Timeout(60)
class DemoCollaborationTest {
  private static LocalCleanRooms local;
  private static CleanRoomsClient advertiser;
  private static CleanRoomsClient publisher;
  private static DemoCollaboration.Demo demo;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    demo = local.demo().orElseThrow();
    advertiser = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
    publisher = DemoCollaboration.client(local.endpoint(), DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET);
  }

  @AfterAll
  static void stop() {
    advertiser.close();
    publisher.close();
    local.close();
  }

  @Test
  void bothMembersSeeTheDemoCollaboration() {
    Collaboration collaboration = publisher.getCollaboration(b -> b.collaborationIdentifier(demo.collaborationId()))
        .collaboration();
    assertEquals("demo", collaboration.name());
    assertEquals(DemoCollaboration.ADVERTISER_ACCOUNT, collaboration.creatorAccountId());
    assertEquals("SPARK", collaboration.analyticsEngineAsString());
    assertEquals(demo.publisherMembershipId(), collaboration.membershipId());
    assertEquals(List.of(demo.collaborationId()),
        advertiser.listCollaborations(b -> { }).collaborationList().stream().map(c -> c.id()).toList());
    Map<String, MemberSummary> members = advertiser.listMembers(b -> b.collaborationIdentifier(demo.collaborationId()))
        .memberSummaries().stream().collect(Collectors.toMap(MemberSummary::accountId, m -> m));
    assertEquals("ACTIVE", members.get(DemoCollaboration.PUBLISHER_ACCOUNT).statusAsString());
    assertTrue(members.get(DemoCollaboration.ADVERTISER_ACCOUNT).abilitiesAsStrings().contains("CAN_RUN_JOB"));
  }

  @Test
  void membershipsCarryTheJobResultConfiguration() {
    var membership = advertiser.getMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId()))
        .membership();
    assertEquals("demo-results", membership.defaultJobResultConfiguration().outputConfiguration().s3().bucket());
    assertEquals("jobs", membership.defaultJobResultConfiguration().outputConfiguration().s3().keyPrefix());
    assertEquals(List.of(demo.publisherMembershipId()),
        publisher.listMemberships(b -> { }).membershipSummaries().stream().map(m -> m.id()).toList());
  }

  @Test
  void schemasShowAllowedColumnsWithGlueTypes() {
    assertEquals(List.of("customers", "impressions"), publisher.listSchemas(b -> b
        .collaborationIdentifier(demo.collaborationId())).schemaSummaries().stream().map(s -> s.name()).toList());
    Schema customers = publisher.getSchema(b -> b.collaborationIdentifier(demo.collaborationId()).name("customers"))
        .schema();
    assertEquals("customer_id bigint, segment string, signup_date date, lifetime_value decimal(10,2)",
        customers.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ")));
    assertEquals("MULTIPLE", customers.analysisMethodAsString());
    assertEquals(List.of("DIRECT_QUERY", "DIRECT_JOB"), customers.selectedAnalysisMethodsAsStrings());
    assertEquals(List.of("CUSTOM"), customers.analysisRuleTypesAsStrings());
    assertEquals("READY", customers.schemaStatusDetails().get(0).statusAsString());
    var batch = advertiser.batchGetSchema(b -> b.collaborationIdentifier(demo.collaborationId())
        .names("impressions", "nope"));
    assertEquals(1, batch.schemas().size());
    assertEquals("nope", batch.errors().get(0).name());
    var rule = advertiser.getSchemaAnalysisRule(b -> b.collaborationIdentifier(demo.collaborationId())
        .name("impressions").type("CUSTOM")).analysisRule();
    assertEquals(List.of("ANY_JOB", "ANY_QUERY"), rule.policy().v1().custom().allowedAnalyses());
  }

  @Test
  void configuredTablesAndAssociationsAreVisibleToTheirOwner() {
    var tables = advertiser.listConfiguredTables(b -> { }).configuredTableSummaries();
    assertEquals(List.of("customers"), tables.stream().map(t -> t.name()).toList());
    var table = advertiser.getConfiguredTable(b -> b.configuredTableIdentifier(tables.get(0).id())).configuredTable();
    assertEquals("advertiser_db", table.tableReference().glue().databaseName());
    assertEquals("CUSTOM", advertiser.getConfiguredTableAnalysisRule(b -> b
        .configuredTableIdentifier(table.id()).analysisRuleType("CUSTOM")).analysisRule().typeAsString());
    var associations = advertiser.listConfiguredTableAssociations(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())).configuredTableAssociationSummaries();
    assertEquals(1, associations.size());
    assertEquals(table.id(), advertiser.getConfiguredTableAssociation(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())
        .configuredTableAssociationIdentifier(associations.get(0).id())).configuredTableAssociation()
        .configuredTableId());
    assertThrows(ResourceNotFoundException.class,
        () -> publisher.getConfiguredTable(b -> b.configuredTableIdentifier(table.id())));
  }

  @Test
  void templatesArePinnedToTheirEntryPointHash() throws Exception {
    AnalysisTemplate template = advertiser.listAnalysisTemplates(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())).analysisTemplateSummaries().stream()
        .filter(t -> t.name().equals("campaign_reach")).findFirst()
        .map(t -> advertiser.getAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .analysisTemplateIdentifier(t.id())).analysisTemplate())
        .orElseThrow();
    var location = template.source().artifacts().entryPoint().location();
    try (S3Client s3 = s3Client()) {
      byte[] code = s3.getObject(b -> b.bucket(location.bucket()).key(location.key()),
          ResponseTransformer.toBytes()).asByteArray();
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code)),
          template.sourceMetadata().artifacts().entryPointHash().sha256());
      assertTrue(new String(code, StandardCharsets.UTF_8).contains("campaign_reach"));
    }
    assertEquals("PYSPARK_1_0", template.formatAsString());
  }

  @Test
  void collaborationTemplatesAreReadableByArnEvenWithEncodedSlashes() {
    String arn = demo.templateArns().get("segment_report");
    var viaArn = publisher.getCollaborationAnalysisTemplate(b -> b.collaborationIdentifier(demo.collaborationId())
        .analysisTemplateArn(arn)).collaborationAnalysisTemplate();
    assertEquals("segment_report", viaArn.name());
    assertEquals(DemoCollaboration.ADVERTISER_ACCOUNT, viaArn.creatorAccountId());
    assertEquals(3, publisher.listCollaborationAnalysisTemplates(b -> b
        .collaborationIdentifier(demo.collaborationId())).collaborationAnalysisTemplateSummaries().size());
    var batch = publisher.batchGetCollaborationAnalysisTemplate(b -> b
        .collaborationIdentifier(demo.collaborationId())
        .analysisTemplateArns(arn, arn.substring(0, arn.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000"));
    assertEquals(1, batch.collaborationAnalysisTemplates().size());
    assertEquals(1, batch.errors().size());
  }

  @Test
  void listsPageWithOpaqueTokens() {
    var firstPage = advertiser.listAnalysisTemplates(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .maxResults(1));
    assertEquals(1, firstPage.analysisTemplateSummaries().size());
    assertTrue(firstPage.nextToken() != null);
    List<String> names = advertiser.listAnalysisTemplatesPaginator(b -> b
            .membershipIdentifier(demo.advertiserMembershipId()).maxResults(1))
        .analysisTemplateSummaries().stream().map(t -> t.name()).toList();
    assertEquals(List.of("campaign_reach", "segment_report", "python_lift"), names);
  }

  @Test
  void unknownAccessKeyIsUnrecognizedClient() {
    try (CleanRoomsClient stranger = DemoCollaboration.client(local.endpoint(), "AKIAUNKNOWN0000000000", "x")) {
      CleanRoomsException e = assertThrows(CleanRoomsException.class, () -> stranger.listMemberships(b -> { }));
      assertEquals(List.of(403, "UnrecognizedClientException"), List.of(e.statusCode(),
          e.awsErrorDetails().errorCode()));
    }
  }

  @Test
  void anotherAccountsMembershipIsNotFound() {
    ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
        () -> publisher.getMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId())));
    assertEquals("MEMBERSHIP", e.resourceTypeAsString());
    assertEquals(demo.advertiserMembershipId(), e.resourceId());
    assertFalse(e.requestId() == null || e.requestId().isEmpty());
  }

  private static S3Client s3Client() {
    return S3Client.builder().endpointOverride(local.s3().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET))).build();
  }
}
