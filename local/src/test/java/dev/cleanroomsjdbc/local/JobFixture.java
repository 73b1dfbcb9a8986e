package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.spark.SparkJobRuntime;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A local Clean Rooms with the demo, and the SDK calls the job rule tests arrange with: DIRECT_JOB tables over the
 * demo customers' data, their rules and associations, {@code .sql} templates, and jobs run to their end.
 */
final class JobFixture implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/r";
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED");

  final LocalCleanRooms local;
  final DemoCollaboration.Demo demo;
  final CleanRoomsClient advertiser;
  final CleanRoomsClient publisher;

  JobFixture() {
    local = LocalCleanRooms.builder().seedDemo(true)
        .jobRuntime(l -> failingOn(new SparkJobRuntime(l.s3(), l.rowsPerPart(), l.spark()))).start();
    demo = local.demo().orElseThrow();
    advertiser = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
    publisher = DemoCollaboration.client(local.endpoint(), DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET);
  }

  @Override
  public void close() {
    advertiser.close();
    publisher.close();
    local.close();
  }

  /**
   * The real runtime, except that the entry points {@code rules/crash.sql} and {@code rules/denied.sql} fail the
   * way a bug in the server or an S3 server refusing the job's role would.
   */
  private static JobRuntime failingOn(JobRuntime real) {
    return (spec, cancelled) -> {
      String key = spec.entryPoint().key();
      if (key.equals("rules/crash.sql")) {
        throw new IllegalStateException("simulated bug in the local Clean Rooms");
      }
      if (key.equals("rules/denied.sql")) {
        throw S3Exception.builder().statusCode(403).message("Access Denied").build();
      }
      return real.run(spec, cancelled);
    };
  }

  /** A DIRECT_JOB configured table over the demo customers' data, with no analysis rule yet. */
  String table(String name) {
    local.registerGlueTable("rules_db", name, List.of(new ColumnSpec("customer_id", "bigint")),
        new S3Location("advertiser-data", "customers/"), "PARQUET");
    return advertiser.createConfiguredTable(b -> b.name(name)
        .tableReference(r -> r.glue(g -> g.databaseName("rules_db").tableName(name)))
        .allowedColumns("customer_id").analysisMethod("DIRECT_JOB")).configuredTable().id();
  }

  void customRule(String tableId, String allowed) {
    advertiser.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
        .analysisRuleType("CUSTOM").analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses(allowed)))));
  }

  String associate(String tableId, String name) {
    return associate(demo.advertiserMembershipId(), tableId, name);
  }

  String associate(String membershipId, String tableId, String name) {
    return advertiser.createConfiguredTableAssociation(b -> b.membershipIdentifier(membershipId)
        .configuredTableIdentifier(tableId).name(name).roleArn(ROLE)).configuredTableAssociation().id();
  }

  ConfiguredTableAssociationAnalysisRule collaborationRule(String associationId, String... receivers) {
    return advertiser.createConfiguredTableAssociationAnalysisRule(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(associationId)
        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedResultReceivers(receivers))))).analysisRule();
  }

  /** A .sql template of the advertiser's demo membership counting the rows of {@code table}. */
  String template(String name, String table) {
    return template(demo.advertiserMembershipId(), name, table, "SELECT COUNT(*) AS n FROM " + table);
  }

  String template(String membershipId, String name, String table, String code) {
    putCode(name, code);
    return advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(membershipId)
        .name(name).format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables(table))
        .source(s -> s.artifacts(a -> a.roleArn(ROLE).entryPoint(e -> e.location(l -> l
            .bucket(DemoCollaboration.CODE_BUCKET).key(codeKey(name))))))).analysisTemplate().arn();
  }

  static String codeKey(String name) {
    return "rules/" + name + ".sql";
  }

  void putCode(String name, String code) {
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(codeKey(name)),
        RequestBody.fromString(code));
  }

  void removeCode(String name) {
    local.s3().client().deleteObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(codeKey(name)));
  }

  void resultBucket(String bucket) {
    advertiser.updateMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .defaultJobResultConfiguration(r -> r.roleArn(ROLE).outputConfiguration(o -> o.s3(s -> s.bucket(bucket)
            .keyPrefix(DemoCollaboration.RESULT_KEY_PREFIX)))));
  }

  ProtectedJob startJob(String templateArn) {
    return startJob(demo.advertiserMembershipId(), templateArn);
  }

  ProtectedJob startJob(String membershipId, String templateArn) {
    return advertiser.startProtectedJob(b -> b.membershipIdentifier(membershipId)
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(templateArn))).protectedJob();
  }

  /** Runs a job of the advertiser's demo membership and waits for its end. */
  ProtectedJob run(String templateArn) {
    return awaitEnd(startJob(templateArn).id());
  }

  ProtectedJob awaitEnd(String jobId) {
    ProtectedJob job = get(jobId);
    while (!ENDED.contains(job.statusAsString())) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      job = get(jobId);
    }
    return job;
  }

  private ProtectedJob get(String jobId) {
    return advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(jobId)).protectedJob();
  }
}
