package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalyticsEngine;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationJobLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.MembershipJobLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;

/**
 * Seeds the demo collaboration through the real SDK client, as two AWS accounts would set it up: an advertiser
 * (who runs jobs and queries and receives results) and a publisher, each sharing one table, plus three job
 * templates.
 */
public final class DemoCollaboration {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCollaboration.class);

  public static final String REGION = "us-east-1";
  public static final String ADVERTISER_ACCOUNT = "111111111111";
  public static final String ADVERTISER_ACCESS_KEY = "AKIALOCALADVERTISER01";
  public static final String ADVERTISER_SECRET = "local-advertiser-secret";
  public static final String PUBLISHER_ACCOUNT = "222222222222";
  public static final String PUBLISHER_ACCESS_KEY = "AKIALOCALPUBLISHER001";
  public static final String PUBLISHER_SECRET = "local-publisher-secret";
  public static final String RESULT_BUCKET = "demo-results";
  public static final String RESULT_KEY_PREFIX = "jobs";
  public static final String QUERY_RESULT_KEY_PREFIX = "queries";
  public static final String CODE_BUCKET = "demo-code";

  /** What the demo created: ids to put in a JDBC URL, and the templates' ARNs by name. */
  public record Demo(
      String collaborationId,
      String advertiserMembershipId,
      String publisherMembershipId,
      Map<String, String> templateArns) {}

  private DemoCollaboration() {}

  /** Builds an SDK client for the local endpoint: us-east-1, static credentials, no retries. */
  public static CleanRoomsClient client(URI endpoint, String accessKeyId, String secretAccessKey) {
    return CleanRoomsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Registers the demo accounts, writes the demo data and code to local S3, and creates the collaboration; reuses
   * the demo when the state loaded from the data directory has it.
   */
  static Demo seed(LocalCleanRooms local) {
    long started = System.nanoTime();
    local.registerAccount(ADVERTISER_ACCOUNT, ADVERTISER_ACCESS_KEY, ADVERTISER_SECRET);
    local.registerAccount(PUBLISHER_ACCOUNT, PUBLISHER_ACCESS_KEY, PUBLISHER_SECRET);
    // State loaded from a data directory may hold the demo already, with its data and code in local S3.
    Optional<Demo> existing =
        ExistingDemo.find(local.endpoint(), List.of("campaign_reach", "segment_report", "python_lift"));
    if (existing.isPresent()) {
      LOG.info("demo collaboration {} found in the saved state: reused", existing.get().collaborationId());
      return existing.get();
    }
    LocalS3 s3 = local.s3();
    for (String bucket : List.of("advertiser-data", "publisher-data", CODE_BUCKET, RESULT_BUCKET)) {
      s3.createBucket(bucket);
    }
    S3Location customers = new S3Location("advertiser-data", "customers/");
    S3Location impressions = new S3Location("publisher-data", "impressions/");
    DemoData.writeCustomers(s3, customers);
    DemoData.writeImpressions(s3, impressions);
    local.registerGlueTable("advertiser_db", "customers", DemoData.CUSTOMERS, customers, "PARQUET");
    local.registerGlueTable("publisher_db", "impressions", DemoData.IMPRESSIONS, impressions, "PARQUET");
    Map<String, S3Location> code = new LinkedHashMap<>();
    code.put("campaign_reach", put(s3, "campaign_reach/campaign_reach.sql", DemoData.CAMPAIGN_REACH_SQL));
    code.put("segment_report", put(s3, "segment_report/segment_report.sql", DemoData.SEGMENT_REPORT_SQL));
    code.put("python_lift", put(s3, "python_lift/user_script.py", DemoData.PYTHON_LIFT));

    try (CleanRoomsClient advertiser = client(local.endpoint(), ADVERTISER_ACCESS_KEY, ADVERTISER_SECRET);
        CleanRoomsClient publisher = client(local.endpoint(), PUBLISHER_ACCESS_KEY, PUBLISHER_SECRET)) {
      String collaborationId = advertiser.createCollaboration(b -> b
          .name("demo")
          .description("Local demo: advertiser customers x publisher impressions")
          .creatorDisplayName("advertiser")
          .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS,
              MemberAbility.CAN_RUN_JOB)
          .members(MemberSpecification.builder().accountId(PUBLISHER_ACCOUNT).displayName("publisher")
              .memberAbilitiesWithStrings(List.of()).build())
          .queryLogStatus(CollaborationQueryLogStatus.DISABLED)
          .jobLogStatus(CollaborationJobLogStatus.DISABLED)
          .analyticsEngine(AnalyticsEngine.SPARK)).collaboration().id();
      String advertiserMembership = advertiser.createMembership(b -> b
          .collaborationIdentifier(collaborationId)
          .queryLogStatus(MembershipQueryLogStatus.DISABLED)
          .jobLogStatus(MembershipJobLogStatus.DISABLED)
          .defaultJobResultConfiguration(r -> r
              .outputConfiguration(o -> o.s3(s -> s.bucket(RESULT_BUCKET).keyPrefix(RESULT_KEY_PREFIX)))
              .roleArn(role(ADVERTISER_ACCOUNT, "CleanRoomsJobResults")))
          .defaultResultConfiguration(r -> r
              .outputConfiguration(o -> o.s3(s -> s.resultFormat(ResultFormat.PARQUET).bucket(RESULT_BUCKET)
                  .keyPrefix(QUERY_RESULT_KEY_PREFIX)))
              .roleArn(role(ADVERTISER_ACCOUNT, "CleanRoomsQueryResults")))).membership().id();
      String publisherMembership = publisher.createMembership(b -> b
          .collaborationIdentifier(collaborationId)
          .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
      shareTable(advertiser, advertiserMembership, ADVERTISER_ACCOUNT, "advertiser_db", "customers");
      shareTable(publisher, publisherMembership, PUBLISHER_ACCOUNT, "publisher_db", "impressions");
      Map<String, String> templates = new LinkedHashMap<>();
      code.forEach((name, location) -> templates.put(name,
          createTemplate(advertiser, advertiserMembership, name, location)));
      Demo demo = new Demo(collaborationId, advertiserMembership, publisherMembership, Map.copyOf(templates));
      LOG.info("demo collaboration {} seeded in {} ms", collaborationId, (System.nanoTime() - started) / 1_000_000);
      return demo;
    }
  }

  private static S3Location put(LocalS3 s3, String key, String text) {
    S3Location location = new S3Location(CODE_BUCKET, key);
    s3.putBytes(location, text.getBytes(StandardCharsets.UTF_8));
    return location;
  }

  private static void shareTable(CleanRoomsClient client, String membershipId, String account, String database,
      String table) {
    var columns = "customers".equals(table) ? DemoData.CUSTOMERS : DemoData.IMPRESSIONS;
    String tableId = client.createConfiguredTable(b -> b
        .name(table)
        .tableReference(r -> r.glue(g -> g.databaseName(database).tableName(table)))
        .allowedColumns(columns.stream().map(c -> c.name()).toList())
        .analysisMethod("MULTIPLE")
        .selectedAnalysisMethodsWithStrings("DIRECT_QUERY", "DIRECT_JOB")).configuredTable().id();
    client.createConfiguredTableAnalysisRule(b -> b
        .configuredTableIdentifier(tableId)
        .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_JOB", "ANY_QUERY")
            .allowedAnalysisProviders(ADVERTISER_ACCOUNT)))));
    client.createConfiguredTableAssociation(b -> b
        .membershipIdentifier(membershipId)
        .configuredTableIdentifier(tableId)
        .name(table)
        .roleArn(role(account, "CleanRoomsTableAccess")));
  }

  private static String createTemplate(CleanRoomsClient client, String membershipId, String name,
      S3Location entryPoint) {
    return client.createAnalysisTemplate(b -> b
        .membershipIdentifier(membershipId)
        .name(name)
        .format(AnalysisFormat.PYSPARK_1_0)
        .schema(s -> s.referencedTables("customers", "impressions"))
        .source(s -> s.artifacts(a -> a
            .entryPoint(e -> e.location(l -> l.bucket(entryPoint.bucket()).key(entryPoint.key())))
            .roleArn(role(ADVERTISER_ACCOUNT, "CleanRoomsJobCode"))))).analysisTemplate().arn();
  }

  private static String role(String account, String name) {
    return "arn:aws:iam::" + account + ":role/" + name;
  }
}
