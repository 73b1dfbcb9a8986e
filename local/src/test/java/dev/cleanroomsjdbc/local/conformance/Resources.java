package dev.cleanroomsjdbc.local.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.testjobs.Slow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;

/**
 * The demo's resources, and fresh ones made through the SDK as the advertiser, that valid requests of every
 * operation refer to; runs end within the test class's {@code @Timeout}.
 */
final class Resources {
  static final String ROLE = "arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/GeneratedRequests";
  static final String SLOW_QUERY = "SELECT COUNT(*) AS n FROM impressions a CROSS JOIN impressions b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED", "TIMED_OUT");

  final DemoCollaboration.Demo demo;
  final CleanRoomsClient advertiser;
  final String customersTable;
  final String customersAssociation;
  final String templateArn;
  final String templateId;
  final String slowTemplateArn;
  final String sqlTemplateArn;
  final String endedJob;
  final String endedQuery;
  private final LocalCleanRooms local;
  private int fresh;

  Resources(LocalCleanRooms local, CleanRoomsClient advertiser) {
    this.local = local;
    this.demo = local.demo().orElseThrow();
    this.advertiser = advertiser;
    this.customersTable = advertiser.listConfiguredTables(b -> { }).configuredTableSummaries().stream()
        .filter(t -> t.name().equals("customers")).findFirst().orElseThrow().id();
    this.customersAssociation = advertiser.listConfiguredTableAssociations(b -> b
            .membershipIdentifier(demo.advertiserMembershipId())).configuredTableAssociationSummaries().stream()
        .filter(a -> a.name().equals("customers")).findFirst().orElseThrow().id();
    this.templateArn = jobTemplate("count", "generated/count.sql", "SELECT COUNT(*) AS n FROM customers");
    this.templateId = templateArn.substring(templateArn.lastIndexOf('/') + 1);
    this.slowTemplateArn = jobTemplate("slow", "generated/slow.jvm", Slow.class.getName());
    this.sqlTemplateArn = advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name("generated_sql").format(AnalysisFormat.SQL).schema(s -> s.referencedTables("customers"))
        .analysisParameters(p -> p.name("seg").type(ParameterType.VARCHAR).defaultValue("vip"))
        .source(s -> s.text("SELECT COUNT(*) AS n FROM customers WHERE segment = :seg"))).analysisTemplate().arn();
    this.endedJob = awaitJob(advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(templateArn))).protectedJob().id());
    this.endedQuery = awaitQuery(startQuery("SELECT COUNT(*) AS n FROM customers"));
  }

  String membership() {
    return demo.advertiserMembershipId();
  }

  /** A name no earlier request used. */
  String unique(String prefix) {
    return prefix + "_" + (++fresh) + "_" + System.nanoTime() % 100_000;
  }

  /** A new collaboration of the advertiser (with the publisher invited) that the advertiser has not joined. */
  String collaboration() {
    return advertiser.createCollaboration(b -> b.name(unique("c")).description("generated")
        .creatorDisplayName("advertiser")
        .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS, MemberAbility.CAN_RUN_JOB)
        .members(MemberSpecification.builder().accountId(DemoCollaboration.PUBLISHER_ACCOUNT).displayName("publisher")
            .memberAbilitiesWithStrings(List.of()).build())
        .queryLogStatus("DISABLED")).collaboration().id();
  }

  /** The advertiser's membership in a new collaboration. */
  String freshMembership() {
    String collaboration = collaboration();
    return advertiser.createMembership(b -> b.collaborationIdentifier(collaboration)
        .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
  }

  /** A new configured table over the demo's customers, with a CUSTOM rule when asked. */
  String table(boolean customRule) {
    String id = advertiser.createConfiguredTable(b -> b.name(unique("t"))
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("customers")))
        .allowedColumns("customer_id", "segment").analysisMethod("MULTIPLE")
        .selectedAnalysisMethodsWithStrings("DIRECT_QUERY", "DIRECT_JOB")).configuredTable().id();
    if (customRule) {
      advertiser.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(id)
          .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
          .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_QUERY")
              .allowedAnalysisProviders(DemoCollaboration.ADVERTISER_ACCOUNT)))));
    }
    return id;
  }

  /** A new table with a CUSTOM rule, associated in the demo. */
  String association() {
    String table = table(true);
    return advertiser.createConfiguredTableAssociation(b -> b.membershipIdentifier(membership())
        .configuredTableIdentifier(table).name(unique("a")).roleArn(ROLE)).configuredTableAssociation().id();
  }

  /** A job of the slow template, still running. */
  String runningJob() {
    return advertiser.startProtectedJob(b -> b.membershipIdentifier(membership()).type(ProtectedJobType.PYSPARK)
        .jobParameters(p -> p.analysisTemplateArn(slowTemplateArn))).protectedJob().id();
  }

  String startQuery(String sql) {
    return advertiser.startProtectedQuery(b -> b.membershipIdentifier(membership()).type(ProtectedQueryType.SQL)
        .sqlParameters(p -> p.queryString(sql))).protectedQuery().id();
  }

  /** Cancels a run that may still be going (either answer is fine) and waits for it to end. */
  void cancelJob(String jobId) {
    ignoring(() -> advertiser.updateProtectedJob(b -> b.membershipIdentifier(membership())
        .protectedJobIdentifier(jobId).targetStatus("CANCELLED")));
    awaitJob(jobId);
  }

  void cancelQuery(String queryId) {
    ignoring(() -> advertiser.updateProtectedQuery(b -> b.membershipIdentifier(membership())
        .protectedQueryIdentifier(queryId).targetStatus("CANCELLED")));
    awaitQuery(queryId);
  }

  /** Cancels every job of the membership still in progress and waits for all to end (the quota is free again). */
  void stopJobs() {
    advertiser.listProtectedJobsPaginator(b -> b.membershipIdentifier(membership())).protectedJobs()
        .forEach(j -> cancelJob(j.id()));
  }

  void awaitQueries() {
    advertiser.listProtectedQueriesPaginator(b -> b.membershipIdentifier(membership())).protectedQueries()
        .forEach(q -> awaitQuery(q.id()));
  }

  String awaitJob(String id) {
    return await(() -> advertiser.getProtectedJob(b -> b.membershipIdentifier(membership())
        .protectedJobIdentifier(id)).protectedJob().statusAsString(), id);
  }

  String awaitQuery(String id) {
    return await(() -> advertiser.getProtectedQuery(b -> b.membershipIdentifier(membership())
        .protectedQueryIdentifier(id)).protectedQuery().statusAsString(), id);
  }

  /** A JSON body from a template with single quotes for double ones and {@code %s} for the arguments. */
  static ObjectNode json(String template, Object... args) {
    try {
      return (ObjectNode) JSON.readTree(String.format(template, args).replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String jobTemplate(String name, String key, String code) {
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key), RequestBody.fromString(code));
    return advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name("generated_" + name).format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables("customers"))
        .source(s -> s.artifacts(a -> a.roleArn(ROLE).entryPoint(e -> e.location(l -> l
            .bucket(DemoCollaboration.CODE_BUCKET).key(key)))))).analysisTemplate().arn();
  }

  private static String await(Supplier<String> status, String id) {
    String now = status.get();
    while (!ENDED.contains(now)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      now = status.get();
    }
    return id;
  }

  private static void ignoring(Runnable call) {
    try {
      call.run();
    } catch (ConflictException ended) {
      // it ended before the cancel arrived
    }
  }
}
