package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.spark.PythonCheck;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import software.amazon.awssdk.core.sync.RequestBody;

import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/** Protected jobs on the demo collaboration, driven and observed through the SDK clients only. */
@Timeout(90)
class ProtectedJobTest {
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED");

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
  void campaignReachSucceedsWithParquetPartsInTheReceiversBucket() {
    ProtectedJob started = start(demo.templateArns().get("campaign_reach"));
    ProtectedJob job = awaitEnd(started.id());
    assertEquals("SUBMITTED", started.statusAsString());
    assertEquals("demo-results", started.resultConfiguration().outputConfiguration().s3().bucket());
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
    assertEquals("s3://demo-results/jobs/" + job.id() + "/", job.result().output().s3().location());
    assertEquals(demo.templateArns().get("campaign_reach"), job.jobParameters().analysisTemplateArn());
    assertTrue(job.statistics().totalDurationInMillis() >= 0);
    List<String> keys = keys("jobs/" + job.id() + "/");
    assertTrue(keys.contains("jobs/" + job.id() + "/campaign_reach/_SUCCESS"), keys.toString());
    assertTrue(keys.stream().anyMatch(k -> k.startsWith("jobs/" + job.id() + "/campaign_reach/part-")
        && k.endsWith(".parquet")), keys.toString());
    var succeeded = advertiser.listProtectedJobs(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .status("SUCCESS")).protectedJobs();
    assertEquals(job.id(), succeeded.get(0).id());
    assertEquals(List.of(DemoCollaboration.ADVERTISER_ACCOUNT), succeeded.get(0).receiverConfigurations().get(0)
        .configurationDetails().directAnalysisConfigurationDetails().receiverAccountIds());
  }

  @Test
  void segmentReportWritesOneFolderPerNamedResult() {
    ProtectedJob job = awaitEnd(start(demo.templateArns().get("segment_report")).id());
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
    Set<String> folders = new TreeSet<>();
    for (String key : keys("jobs/" + job.id() + "/")) {
      folders.add(key.split("/")[2]);
    }
    assertEquals(Set.of("by_segment", "by_campaign_segment"), folders);
  }

  @Test
  void pythonEntryPointWithoutPySparkFailsWithMalformedScriptSayingWhatToInstall() {
    Assumptions.assumeFalse(PythonCheck.of(null).usable(), "PySpark is importable here: the demo's script runs");
    ProtectedJob job = awaitEnd(start(demo.templateArns().get("python_lift")).id());
    assertEquals("FAILED", job.statusAsString());
    assertEquals("MALFORMED_SCRIPT", job.error().code());
    assertTrue(job.error().message().contains("pip install pyspark==3.5.*"), job.error().message());
    assertTrue(job.result() == null);
  }

  @Test
  void pythonEntryPointRunsUnderAPythonWithPySpark() {
    Assumptions.assumeTrue(PythonCheck.of(null).usable(), () -> "no PySpark here: "
        + PythonCheck.of(null).describe());
    ProtectedJob job = awaitEnd(start(demo.templateArns().get("python_lift")).id());
    assertEquals("SUCCESS", job.statusAsString(), () -> String.valueOf(job.error()));
    assertTrue(keys("jobs/" + job.id() + "/lift/").stream().anyMatch(k -> k.endsWith("/_SUCCESS")));
  }

  @Test
  void cancelWhileRunningCancelsTheJob() {
    ProtectedJob job = start(slowTemplate());
    awaitStatus(job.id(), "STARTED");
    ProtectedJob cancelling = advertiser.updateProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(job.id()).targetStatus(TargetProtectedJobStatus.CANCELLED)).protectedJob();
    assertTrue(Set.of("CANCELLING", "CANCELLED").contains(cancelling.statusAsString()), cancelling.toString());
    assertEquals("CANCELLED", awaitEnd(job.id()).statusAsString());
  }

  @Test
  void secondJobWhileOneRunsExceedsTheQuota() {
    ProtectedJob running = start(slowTemplate());
    ServiceQuotaExceededException e = assertThrows(ServiceQuotaExceededException.class,
        () -> start(demo.templateArns().get("campaign_reach")));
    assertEquals(402, e.statusCode());
    assertEquals("Concurrent protected jobs per membership", e.quotaName());
    assertEquals(1.0, e.quotaValue());
    cancel(running.id());
    awaitEnd(running.id());
  }

  @Test
  void cancellingAFinishedJobConflicts() {
    ProtectedJob job = awaitEnd(start(demo.templateArns().get("campaign_reach")).id());
    ConflictException e = assertThrows(ConflictException.class, () -> cancel(job.id()));
    assertEquals("INVALID_STATE", e.reasonAsString());
  }

  @Test
  void memberWithoutCanRunJobIsDenied() {
    assertThrows(AccessDeniedException.class, () -> publisher.startProtectedJob(b -> b
        .membershipIdentifier(demo.publisherMembershipId()).type(ProtectedJobType.PYSPARK)
        .jobParameters(p -> p.analysisTemplateArn(demo.templateArns().get("campaign_reach")))));
  }

  @Test
  void templateOverDirectQueryTableCannotRunAsJob() {
    local.registerGlueTable("advertiser_db", "prospects", List.of(new ColumnSpec("customer_id", "bigint")),
        new S3Location("advertiser-data", "prospects/"), "PARQUET");
    String tableId = advertiser.createConfiguredTable(b -> b.name("prospects")
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("prospects")))
        .allowedColumns("customer_id").analysisMethod("DIRECT_QUERY")).configuredTable().id();
    advertiser.createConfiguredTableAssociation(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .configuredTableIdentifier(tableId).name("prospects").roleArn("arn:aws:iam::111111111111:role/r"));
    String arn = createTemplate("prospect_job", "demo-code", "prospects.sql", "SELECT 1 AS one", "prospects");
    ValidationException e = assertThrows(ValidationException.class, () -> start(arn));
    assertTrue(e.getMessage().contains("prospects"), e.getMessage());
  }

  @Test
  void unknownGlueTableIsAValidationError() {
    ValidationException e = assertThrows(ValidationException.class, () -> advertiser.createConfiguredTable(b -> b
        .name("ghost").tableReference(r -> r.glue(g -> g.databaseName("nowhere").tableName("ghost")))
        .allowedColumns("id").analysisMethod("DIRECT_JOB")));
    assertEquals("FIELD_VALIDATION_FAILED", e.reasonAsString());
    assertEquals("tableReference", e.fieldList().get(0).name());
  }

  @Test
  void updateMembershipMovesJobResults() {
    advertiser.updateMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .defaultJobResultConfiguration(r -> r.roleArn("arn:aws:iam::111111111111:role/r")
            .outputConfiguration(o -> o.s3(s -> s.bucket("demo-results").keyPrefix("/moved//here/")))));
    try {
      ProtectedJob job = awaitEnd(start(demo.templateArns().get("campaign_reach")).id());
      assertEquals("s3://demo-results/moved/here/" + job.id() + "/", job.result().output().s3().location());
    } finally {
      advertiser.updateMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .defaultJobResultConfiguration(r -> r.roleArn("arn:aws:iam::111111111111:role/r")
              .outputConfiguration(o -> o.s3(s -> s.bucket("demo-results").keyPrefix("jobs")))));
    }
  }

  private String slowTemplate() {
    String name = "slow_" + System.nanoTime();
    return createTemplate(name, "demo-code", name + ".jvm", "dev.cleanroomsjdbc.testjobs.Slow", "customers");
  }

  private String createTemplate(String name, String bucket, String key, String code, String table) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(code, StandardCharsets.UTF_8));
    return advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .name(name).format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables(table))
        .source(s -> s.artifacts(a -> a.entryPoint(e -> e.location(l -> l.bucket(bucket).key(key)))
            .roleArn("arn:aws:iam::111111111111:role/r")))).analysisTemplate().arn();
  }

  private static ProtectedJob start(String templateArn) {
    return advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(templateArn))).protectedJob();
  }

  private static void cancel(String jobId) {
    advertiser.updateProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(jobId).targetStatus(TargetProtectedJobStatus.CANCELLED));
  }

  private static ProtectedJob get(String jobId) {
    return advertiser.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(jobId)).protectedJob();
  }

  private static ProtectedJob awaitEnd(String jobId) {
    ProtectedJob job = get(jobId);
    while (!ENDED.contains(job.statusAsString())) {
      sleep();
      job = get(jobId);
    }
    return job;
  }

  private static void awaitStatus(String jobId, String status) {
    while (!status.equals(get(jobId).statusAsString())) {
      sleep();
    }
  }

  private static void sleep() {
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
