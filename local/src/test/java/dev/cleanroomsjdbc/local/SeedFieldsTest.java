package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.CalciteJobRuntime;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.Collaboration;
import software.amazon.awssdk.services.cleanrooms.model.CustomMLMemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;

/**
 * Everything a request sets is kept and shown again, and acts: a job's member output, compute configurations and
 * the CRPU-hours billed for them, a PySpark template's additional artifacts (hashed, checked before a job runs and
 * handed to the job runtime), ML abilities and encryption metadata, and the update time of every Update.
 */
@Timeout(90)
class SeedFieldsTest {
  private static final String ADVERTISER = DemoCollaboration.ADVERTISER_ACCOUNT;
  private static final double HOUR = 3_600_000d;
  private static final Map<String, JobSpec> SPECS = new ConcurrentHashMap<>();

  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static DemoClients clients;
  private static CleanRoomsClient advertiser;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).jobRuntime(l -> {
      CalciteJobRuntime runtime = new CalciteJobRuntime(l.s3(), l.rowsPerPart());
      return (spec, cancelled) -> {
        SPECS.put(spec.jobId(), spec);
        return runtime.run(spec, cancelled);
      };
    }).start();
    demo = local.demo().orElseThrow();
    clients = new DemoClients(local);
    advertiser = clients.advertiser();
  }

  @AfterAll
  static void stop() {
    clients.close();
    local.close();
  }

  @Test
  void aMemberOutputJobReportsItsReceiverAndWritesToItsDefaultLocation() {
    String id = advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(demo.templateArns().get("campaign_reach")))
        .resultConfiguration(r -> r.outputConfiguration(o -> o.member(m -> m.accountId(ADVERTISER))))
        .computeConfiguration(c -> c.worker(w -> w.type("CR.4X").number(8)))).protectedJob().id();
    ProtectedJob job = clients.awaitEnd(id);
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
    assertEquals(ADVERTISER, job.resultConfiguration().outputConfiguration().member().accountId());
    assertEquals(List.of(ADVERTISER), job.result().output().memberList().stream().map(m -> m.accountId()).toList());
    assertNull(job.result().output().s3());
    assertEquals(List.of("CR.4X", 8), List.of(job.computeConfiguration().worker().typeAsString(),
        job.computeConfiguration().worker().number()));
    assertTrue(clients.s3().listObjectsV2(b -> b.bucket("demo-results").prefix("jobs/" + id + "/campaign_reach/"))
        .keyCount() > 0);
    assertEquals(8 * 4 * job.statistics().totalDurationInMillis() / HOUR,
        job.statistics().billedResourceUtilization().units(), 1e-12);
  }

  @Test
  void aJobWithoutComputeConfigurationIsBilledAsFourCr1xWorkers() {
    ProtectedJob job = clients.awaitEnd(clients.start(demo.templateArns().get("campaign_reach")).id());
    assertNull(job.computeConfiguration());
    assertEquals(4 * job.statistics().totalDurationInMillis() / HOUR,
        job.statistics().billedResourceUtilization().units(), 1e-12);
  }

  @Test
  void aQueryKeepsItsComputeConfigurationAndIsBilledForIt() {
    ProtectedQuery query = runQuery(3);
    assertEquals(List.of("CR.4X", 3), List.of(query.computeConfiguration().worker().typeAsString(),
        query.computeConfiguration().worker().number()));
    assertEquals(3 * 4 * query.statistics().totalDurationInMillis() / HOUR,
        query.statistics().billedResourceUtilization().units(), 1e-12);
    ProtectedQuery defaults = runQuery(null);
    assertEquals(2 * defaults.statistics().totalDurationInMillis() / HOUR,
        defaults.statistics().billedResourceUtilization().units(), 1e-12);
  }

  @Test
  void additionalArtifactsArePinnedByHashAndHandedToTheJobRuntime() throws NoSuchAlgorithmException {
    byte[] archive = "a virtualenv archive".getBytes(StandardCharsets.UTF_8);
    S3Location artifact = new S3Location(DemoCollaboration.CODE_BUCKET, "seed/venv.tar.gz");
    local.s3().putBytes(artifact, archive);
    AnalysisTemplate template = templateWithArtifact("seed_artifacts", artifact);
    assertEquals(List.of(artifact.key()), template.source().artifacts().additionalArtifacts().stream()
        .map(a -> a.location().key()).toList());
    assertEquals(List.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive))),
        template.sourceMetadata().artifacts().additionalArtifactHashes().stream().map(h -> h.sha256()).toList());
    assertEquals(template.sourceMetadata(), clients.publisher().getCollaborationAnalysisTemplate(b -> b
        .collaborationIdentifier(demo.collaborationId()).analysisTemplateArn(template.arn()))
        .collaborationAnalysisTemplate().sourceMetadata());
    ProtectedJob job = clients.awaitEnd(clients.start(template.arn()).id());
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
    assertEquals(List.of(artifact), SPECS.get(job.id()).additionalArtifacts());
  }

  @Test
  void aChangedOrRemovedAdditionalArtifactFailsTheJob() {
    S3Location artifact = new S3Location(DemoCollaboration.CODE_BUCKET, "seed/changing.tar.gz");
    local.s3().putText(artifact, "approved");
    String arn = templateWithArtifact("seed_changing", artifact).arn();
    local.s3().putText(artifact, "changed after approval");
    ProtectedJob changed = clients.awaitEnd(clients.start(arn).id());
    assertEquals(List.of("FAILED", "INVALID_RESOURCE"), List.of(changed.statusAsString(), changed.error().code()));
    local.s3().client().deleteObject(b -> b.bucket(artifact.bucket()).key(artifact.key()));
    ProtectedJob removed = clients.awaitEnd(clients.start(arn).id());
    assertEquals(List.of("FAILED", "RESOURCE_NOT_FOUND"), List.of(removed.statusAsString(), removed.error().code()));
  }

  @Test
  void everyUpdateMovesUpdateTime() throws InterruptedException {
    Collaboration created = collaboration("updated");
    Thread.sleep(5);
    Collaboration renamed = advertiser.updateCollaboration(b -> b.collaborationIdentifier(created.id()).name("renamed"))
        .collaboration();
    assertMoved(created.createTime(), created.updateTime(), renamed.createTime(), renamed.updateTime());
    var table = advertiser.createConfiguredTable(b -> b.name("updated")
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("customers")))
        .allowedColumns("customer_id").analysisMethod("DIRECT_QUERY")).configuredTable();
    Thread.sleep(5);
    var described = advertiser.updateConfiguredTable(b -> b.configuredTableIdentifier(table.id())
        .description("described")).configuredTable();
    assertMoved(table.createTime(), table.updateTime(), described.createTime(), described.updateTime());
    AnalysisTemplate template = advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo
        .advertiserMembershipId()).name("updated").format(AnalysisFormat.SQL).schema(s -> s.referencedTables("customers"))
        .source(s -> s.text("SELECT COUNT(*) FROM customers"))
        .errorMessageConfiguration(e -> e.type("DETAILED"))).analysisTemplate();
    assertEquals("DETAILED", template.errorMessageConfiguration().typeAsString());
    Thread.sleep(5);
    AnalysisTemplate redescribed = advertiser.updateAnalysisTemplate(b -> b.membershipIdentifier(demo
        .advertiserMembershipId()).analysisTemplateIdentifier(template.id()).description("described")).analysisTemplate();
    assertMoved(template.createTime(), template.updateTime(), redescribed.createTime(), redescribed.updateTime());
  }

  @Test
  void encryptionMetadataChangeTypesRegionsAndMlAbilitiesAreKept() {
    Collaboration created = collaboration("ml");
    Collaboration read = advertiser.getCollaboration(b -> b.collaborationIdentifier(created.id())).collaboration();
    assertEquals(List.of(true, false, true, false), List.of(read.dataEncryptionMetadata().allowCleartext(),
        read.dataEncryptionMetadata().allowDuplicates(), read.dataEncryptionMetadata().preserveNulls(),
        read.dataEncryptionMetadata().allowJoinsOnColumnsWithDifferentNames()));
    assertEquals(List.of(List.of("ADD_MEMBER"), List.of("us-east-1")), List.of(read.autoApprovedChangeTypesAsStrings(),
        read.allowedResultRegionsAsStrings()));
    var publisher = advertiser.listMembers(b -> b.collaborationIdentifier(created.id())).memberSummaries().stream()
        .filter(m -> m.accountId().equals(DemoCollaboration.PUBLISHER_ACCOUNT)).findFirst().orElseThrow();
    assertEquals(List.of(CustomMLMemberAbility.CAN_RECEIVE_INFERENCE_OUTPUT),
        publisher.mlAbilities().customMLMemberAbilities());
    var membership = advertiser.createMembership(b -> b.collaborationIdentifier(created.id())
        .queryLogStatus("DISABLED")).membership();
    assertEquals(List.of(CustomMLMemberAbility.CAN_RECEIVE_MODEL_OUTPUT),
        membership.mlMemberAbilities().customMLMemberAbilities());
  }

  private static void assertMoved(Instant created, Instant firstUpdate, Instant createdAfter, Instant updated) {
    assertEquals(created, createdAfter);
    assertEquals(created, firstUpdate);
    assertTrue(updated.isAfter(created), created + " -> " + updated);
  }

  private static Collaboration collaboration(String name) {
    return advertiser.createCollaboration(b -> b.name(name).description(name).creatorDisplayName("advertiser")
        .creatorMemberAbilitiesWithStrings("CAN_QUERY", "CAN_RECEIVE_RESULTS")
        .creatorMLMemberAbilities(m -> m.customMLMemberAbilities(CustomMLMemberAbility.CAN_RECEIVE_MODEL_OUTPUT))
        .members(MemberSpecification.builder().accountId(DemoCollaboration.PUBLISHER_ACCOUNT).displayName("publisher")
            .memberAbilitiesWithStrings(List.of())
            .mlMemberAbilities(m -> m.customMLMemberAbilities(CustomMLMemberAbility.CAN_RECEIVE_INFERENCE_OUTPUT))
            .build())
        .dataEncryptionMetadata(d -> d.allowCleartext(true).allowDuplicates(false).preserveNulls(true)
            .allowJoinsOnColumnsWithDifferentNames(false))
        .autoApprovedChangeRequestTypesWithStrings("ADD_MEMBER").allowedResultRegionsWithStrings("us-east-1")
        .queryLogStatus("DISABLED")).collaboration();
  }

  private static AnalysisTemplate templateWithArtifact(String name, S3Location artifact) {
    local.s3().putText(new S3Location("demo-code", "seed/count.sql"), "SELECT COUNT(*) AS n FROM customers");
    return advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(demo.advertiserMembershipId()).name(name)
        .format(AnalysisFormat.PYSPARK_1_0).schema(s -> s.referencedTables("customers"))
        .source(s -> s.artifacts(a -> a.roleArn(JobFixture.ROLE)
            .entryPoint(e -> e.location(l -> l.bucket("demo-code").key("seed/count.sql")))
            .additionalArtifacts(x -> x.location(l -> l.bucket(artifact.bucket()).key(artifact.key())))))).analysisTemplate();
  }

  private static ProtectedQuery runQuery(Integer cr4xWorkers) {
    String id = advertiser.startProtectedQuery(b -> {
      b.membershipIdentifier(demo.advertiserMembershipId()).type(ProtectedQueryType.SQL)
          .sqlParameters(p -> p.queryString("SELECT COUNT(*) AS n FROM customers"));
      if (cr4xWorkers != null) {
        b.computeConfiguration(c -> c.worker(w -> w.type("CR.4X").number(cr4xWorkers)));
      }
    }).protectedQuery().id();
    ProtectedQuery query;
    do {
      ProtectedQueryTest.sleep();
      query = advertiser.getProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .protectedQueryIdentifier(id)).protectedQuery();
    } while (!ProtectedQueryTest.ENDED.contains(query.statusAsString()));
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    return query;
  }
}
