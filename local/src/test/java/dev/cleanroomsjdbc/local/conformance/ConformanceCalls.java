package dev.cleanroomsjdbc.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisMethod;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.Collaboration;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationJobLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTable;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.MembershipJobLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryOutputConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;
import software.amazon.awssdk.services.cleanrooms.model.SelectedAnalysisMethod;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedQueryStatus;

/**
 * The SDK calls of the conformance test, grouped by resource, with round-trip assertions on the fields the March
 * 2025 model added (job log status, job compute payment, job result configuration, selected analysis methods,
 * PySpark artifacts and their hashes, consolidated policies).
 */
final class ConformanceCalls implements AutoCloseable {
  /** Every operation the conformance test must see answered at least once. */
  static final Set<String> OPERATIONS = Set.of("StartProtectedJob", "GetProtectedJob", "ListProtectedJobs",
      "UpdateProtectedJob", "BatchGetCollaborationAnalysisTemplate", "BatchGetSchema", "BatchGetSchemaAnalysisRule",
      "CreateAnalysisTemplate", "CreateCollaboration", "CreateConfiguredTable", "CreateMembership",
      "GetAnalysisTemplate", "GetCollaboration", "GetCollaborationAnalysisTemplate", "GetConfiguredTable",
      "GetMembership", "GetSchema", "GetSchemaAnalysisRule", "ListConfiguredTableAssociations",
      "ListConfiguredTables", "ListMembers", "ListMemberships", "ListSchemas", "UpdateAnalysisTemplate",
      "UpdateCollaboration", "UpdateConfiguredTable", "UpdateMembership", "CreateConfiguredTableAnalysisRule",
      "GetConfiguredTableAnalysisRule", "CreateConfiguredTableAssociation", "GetConfiguredTableAssociation",
      "CreateConfiguredTableAssociationAnalysisRule", "GetConfiguredTableAssociationAnalysisRule",
      "ListAnalysisTemplates", "ListCollaborationAnalysisTemplates", "ListCollaborations", "StartProtectedQuery",
      "GetProtectedQuery", "ListProtectedQueries", "UpdateProtectedQuery");
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED", "TIMED_OUT");
  private static final String ROLE = "arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/r";

  private static final String COUNT_KEY = "conformance/count.sql";

  private final DemoCollaboration.Demo demo;
  private final CleanRoomsClient advertiser;
  private final CleanRoomsClient publisher;
  private String jobTemplateArn;

  ConformanceCalls(LocalCleanRooms local, CleanRoomsClient advertiser, CleanRoomsClient publisher) {
    this.demo = local.demo().orElseThrow();
    // a job that reads one table runs in well under a second, unlike the demo's joins
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(COUNT_KEY),
        RequestBody.fromString("SELECT COUNT(*) AS n FROM customers"));
    this.advertiser = advertiser;
    this.publisher = publisher;
  }

  CleanRoomsClient advertiser() {
    return advertiser;
  }

  CleanRoomsClient publisher() {
    return publisher;
  }

  void collaborations() {
    Collaboration created = advertiser.createCollaboration(b -> b.name("c" + System.nanoTime())
        .description("conformance").creatorDisplayName("advertiser")
        .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS,
            MemberAbility.CAN_RUN_JOB)
        .creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true))
            .jobCompute(j -> j.isResponsible(true)))
        .members(MemberSpecification.builder().accountId(DemoCollaboration.PUBLISHER_ACCOUNT)
            .displayName("publisher").memberAbilitiesWithStrings(List.of())
            .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false))).build())
        .queryLogStatus(CollaborationQueryLogStatus.DISABLED).jobLogStatus(CollaborationJobLogStatus.ENABLED))
        .collaboration();
    assertEquals(CollaborationJobLogStatus.ENABLED, advertiser.getCollaboration(b -> b
        .collaborationIdentifier(created.id())).collaboration().jobLogStatus());
    assertTrue(advertiser.listMembers(b -> b.collaborationIdentifier(created.id())).memberSummaries().stream()
        .anyMatch(m -> m.accountId().equals(DemoCollaboration.ADVERTISER_ACCOUNT)
            && m.paymentConfiguration().jobCompute().isResponsible()));
    Collaboration renamed = advertiser.updateCollaboration(b -> b.collaborationIdentifier(created.id())
        .name("renamed").description("new description")).collaboration();
    assertEquals(List.of("renamed", "new description"), List.of(renamed.name(), renamed.description()));
    Membership membership = advertiser.createMembership(b -> b.collaborationIdentifier(created.id())
        .queryLogStatus(MembershipQueryLogStatus.DISABLED).jobLogStatus(MembershipJobLogStatus.ENABLED)
        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true))
            .jobCompute(j -> j.isResponsible(true)))
        .defaultJobResultConfiguration(r -> r.roleArn(ROLE)
            .outputConfiguration(o -> o.s3(s -> s.bucket(DemoCollaboration.RESULT_BUCKET).keyPrefix("c")))))
        .membership();
    Membership read = advertiser.getMembership(b -> b.membershipIdentifier(membership.id())).membership();
    assertEquals(MembershipJobLogStatus.ENABLED, read.jobLogStatus());
    assertTrue(read.paymentConfiguration().jobCompute().isResponsible());
    assertEquals("c", read.defaultJobResultConfiguration().outputConfiguration().s3().keyPrefix());
    Membership updated = advertiser.updateMembership(b -> b.membershipIdentifier(membership.id())
        .jobLogStatus(MembershipJobLogStatus.DISABLED)).membership();
    assertEquals(MembershipJobLogStatus.DISABLED, updated.jobLogStatus());
    assertTrue(advertiser.listMembers(b -> b.collaborationIdentifier(created.id())).memberSummaries().stream()
        .anyMatch(m -> m.abilities().contains(MemberAbility.CAN_RUN_JOB)));
    advertiser.listCollaborations(b -> { });
    advertiser.listMemberships(b -> { });
    publisher.listMemberships(b -> { });
  }

  void configuredTables() {
    String name = "t" + System.nanoTime();
    ConfiguredTable table = advertiser.createConfiguredTable(b -> b.name(name)
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("customers")))
        .allowedColumns("customer_id").analysisMethod(AnalysisMethod.MULTIPLE)
        .selectedAnalysisMethods(SelectedAnalysisMethod.DIRECT_QUERY, SelectedAnalysisMethod.DIRECT_JOB))
        .configuredTable();
    assertEquals(List.of(SelectedAnalysisMethod.DIRECT_QUERY, SelectedAnalysisMethod.DIRECT_JOB),
        advertiser.getConfiguredTable(b -> b.configuredTableIdentifier(table.id())).configuredTable()
            .selectedAnalysisMethods());
    advertiser.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(table.id())
        .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_JOB", "ANY_QUERY")
            .allowedAnalysisProviders(DemoCollaboration.ADVERTISER_ACCOUNT)))));
    advertiser.getConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(table.id())
        .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM));
    ConfiguredTable updated = advertiser.updateConfiguredTable(b -> b.configuredTableIdentifier(table.id())
        .description("updated").selectedAnalysisMethods(SelectedAnalysisMethod.DIRECT_JOB,
            SelectedAnalysisMethod.DIRECT_QUERY)).configuredTable();
    assertEquals(List.of("updated", List.of(SelectedAnalysisMethod.DIRECT_JOB, SelectedAnalysisMethod.DIRECT_QUERY)),
        List.of(updated.description(), updated.selectedAnalysisMethods()));
    assertTrue(advertiser.listConfiguredTables(b -> { }).configuredTableSummaries().stream()
        .anyMatch(t -> t.id().equals(table.id())
            && t.analysisRuleTypes().contains(ConfiguredTableAnalysisRuleType.CUSTOM)));
    String association = advertiser.createConfiguredTableAssociation(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableIdentifier(table.id()).name(name)
        .roleArn(ROLE)).configuredTableAssociation().id();
    advertiser.getConfiguredTableAssociation(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .configuredTableAssociationIdentifier(association));
    advertiser.createConfiguredTableAssociationAnalysisRule(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(association)
        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c
            .allowedResultReceivers(DemoCollaboration.ADVERTISER_ACCOUNT)))));
    advertiser.getConfiguredTableAssociationAnalysisRule(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(association)
        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM));
    assertTrue(advertiser.listConfiguredTableAssociations(b -> b.membershipIdentifier(demo.advertiserMembershipId()))
        .configuredTableAssociationSummaries().stream().anyMatch(a -> a.id().equals(association)
            && a.analysisRuleTypesAsStrings().equals(List.of("CUSTOM"))));
    var schemaRule = publisher.getSchemaAnalysisRule(b -> b.collaborationIdentifier(demo.collaborationId())
        .name(name).type(AnalysisRuleType.CUSTOM)).analysisRule();
    assertEquals(List.of(DemoCollaboration.ADVERTISER_ACCOUNT),
        schemaRule.consolidatedPolicy().v1().custom().allowedResultReceivers());
    assertEquals(List.of("ANY_JOB", "ANY_QUERY"), schemaRule.consolidatedPolicy().v1().custom().allowedAnalyses());
    assertEquals(List.of(DemoCollaboration.ADVERTISER_ACCOUNT),
        schemaRule.collaborationPolicy().v1().custom().allowedResultReceivers());
  }

  void schemas() {
    advertiser.listSchemas(b -> b.collaborationIdentifier(demo.collaborationId()));
    advertiser.getSchema(b -> b.collaborationIdentifier(demo.collaborationId()).name("customers"));
    advertiser.batchGetSchema(b -> b.collaborationIdentifier(demo.collaborationId())
        .names("customers", "impressions", "missing"));
    var rule = publisher.getSchemaAnalysisRule(b -> b.collaborationIdentifier(demo.collaborationId())
        .name("customers").type(AnalysisRuleType.CUSTOM)).analysisRule();
    assertNotNull(rule.consolidatedPolicy().v1().custom().allowedAnalyses());
    var batch = advertiser.batchGetSchemaAnalysisRule(b -> b.collaborationIdentifier(demo.collaborationId())
        .schemaAnalysisRuleRequests(r -> r.name("customers").type(AnalysisRuleType.CUSTOM),
            r -> r.name("missing").type(AnalysisRuleType.CUSTOM)));
    assertEquals(List.of(1, 1), List.of(batch.analysisRules().size(), batch.errors().size()));
  }

  void templates() {
    AnalysisTemplate job = advertiser.createAnalysisTemplate(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).name("j" + System.nanoTime())
        .format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables("customers"))
        .source(s -> s.artifacts(a -> a.roleArn(ROLE).entryPoint(e -> e.location(l -> l
            .bucket(DemoCollaboration.CODE_BUCKET).key(COUNT_KEY)))))).analysisTemplate();
    jobTemplateArn = job.arn();
    assertNotNull(job.sourceMetadata().artifacts().entryPointHash().sha256());
    AnalysisTemplate sql = advertiser.createAnalysisTemplate(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).name("s" + System.nanoTime())
        .format(AnalysisFormat.SQL).schema(s -> s.referencedTables("customers"))
        .analysisParameters(AnalysisParameter.builder().name("seg").type(ParameterType.VARCHAR)
            .defaultValue("a").build())
        .source(s -> s.text("SELECT COUNT(*) AS n FROM customers WHERE segment = :seg"))).analysisTemplate();
    advertiser.getAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .analysisTemplateIdentifier(job.id()));
    advertiser.listAnalysisTemplates(b -> b.membershipIdentifier(demo.advertiserMembershipId()));
    assertEquals("described", advertiser.updateAnalysisTemplate(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).analysisTemplateIdentifier(sql.id())
        .description("described")).analysisTemplate().description());
    publisher.listCollaborationAnalysisTemplates(b -> b.collaborationIdentifier(demo.collaborationId()));
    publisher.getCollaborationAnalysisTemplate(b -> b.collaborationIdentifier(demo.collaborationId())
        .analysisTemplateArn(job.arn()));
    publisher.batchGetCollaborationAnalysisTemplate(b -> b.collaborationIdentifier(demo.collaborationId())
        .analysisTemplateArns(job.arn(), sql.arn(), job.arn().replace(job.id(), "missing")));
  }

  /** A job run to its end (result and statistics, or error), then one cancelled while it may still run. */
  String jobs() {
    if (jobTemplateArn == null) {
      templates();
    }
    ProtectedJob ended = awaitEnd(startJob().id(), id -> advertiser.getProtectedJob(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).protectedJobIdentifier(id)).protectedJob(),
        ProtectedJob::statusAsString);
    advertiser.listProtectedJobs(b -> b.membershipIdentifier(demo.advertiserMembershipId()));
    String cancelled = startJob().id();
    ignoringServiceErrors(() -> advertiser.updateProtectedJob(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).protectedJobIdentifier(cancelled)
        .targetStatus(TargetProtectedJobStatus.CANCELLED)));
    awaitEnd(cancelled, id -> advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(id)).protectedJob(), ProtectedJob::statusAsString);
    return ended.statusAsString();
  }

  private ProtectedJob startJob() {
    return advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(
            jobTemplateArn))).protectedJob();
  }

  /** A query run to its end, with S3 and member output, then one cancelled while it may still run. */
  String queries() {
    ProtectedQuery ended = awaitEnd(startQuery(o -> o.s3(s -> s.resultFormat(ResultFormat.CSV)
        .bucket(DemoCollaboration.RESULT_BUCKET).keyPrefix("conformance"))).id(), this::getQuery,
        ProtectedQuery::statusAsString);
    awaitEnd(startQuery(o -> o.member(m -> m.accountId(DemoCollaboration.ADVERTISER_ACCOUNT))).id(),
        this::getQuery, ProtectedQuery::statusAsString);
    advertiser.listProtectedQueries(b -> b.membershipIdentifier(demo.advertiserMembershipId()));
    String cancelled = startQuery(o -> o.s3(s -> s.resultFormat(ResultFormat.PARQUET)
        .bucket(DemoCollaboration.RESULT_BUCKET))).id();
    ignoringServiceErrors(() -> advertiser.updateProtectedQuery(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).protectedQueryIdentifier(cancelled)
        .targetStatus(TargetProtectedQueryStatus.CANCELLED)));
    return ended.statusAsString();
  }

  private ProtectedQuery startQuery(Consumer<ProtectedQueryOutputConfiguration.Builder> output) {
    return advertiser.startProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedQueryType.SQL).sqlParameters(p -> p.queryString(
            "SELECT segment, COUNT(*) AS n FROM customers GROUP BY segment"))
        .resultConfiguration(r -> r.outputConfiguration(output))).protectedQuery();
  }

  private ProtectedQuery getQuery(String id) {
    return advertiser.getProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedQueryIdentifier(id)).protectedQuery();
  }

  /** Polls until the run has ended; the test class bounds the wait with {@code @Timeout}. */
  private static <T> T awaitEnd(String id, Function<String, T> get, Function<T, String> status) {
    T run = get.apply(id);
    while (!ENDED.contains(status.apply(run))) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      run = get.apply(id);
    }
    return run;
  }

  /** A cancel may race the end of the run; either answer is checked against the model by the capture. */
  private static void ignoringServiceErrors(Runnable call) {
    try {
      call.run();
    } catch (CleanRoomsException e) {
      // the error body was captured and is checked like any other response
    }
  }

  @Override
  public void close() {
    advertiser.close();
    publisher.close();
  }
}
