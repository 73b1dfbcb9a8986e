package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;

/** What survives a restart on the same data directory, observed through the SDK clients only. */
@Timeout(120)
class StatePersistenceTest {
  // Seeding the demo writes its tables; it is done once, and each test starts from a copy of that directory.
  @TempDir
  static Path seeded;
  private static DemoCollaboration.Demo seededDemo;

  @TempDir
  Path dataDir;

  @BeforeAll
  static void seedTheDemoOnce() {
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(seeded).seedDemo(true).start()) {
      seededDemo = local.demo().orElseThrow();
    }
  }

  @Test
  void demoAndItsSucceededJobSurviveARestart() {
    DemoCollaboration.Demo demo;
    ProtectedJob before;
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      demo = local.demo().orElseThrow();
      assertEquals(seededDemo, demo);
      before = clients.awaitEnd(clients.start(demo.templateArns().get("campaign_reach")).id());
      assertEquals("SUCCESS", before.statusAsString(), String.valueOf(before.error()));
    }
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      assertEquals(demo, local.demo().orElseThrow());
      CleanRoomsClient advertiser = clients.advertiser();
      assertEquals(1, advertiser.listCollaborations(b -> { }).collaborationList().size());
      assertEquals("demo", advertiser.getCollaboration(b -> b.collaborationIdentifier(demo.collaborationId()))
          .collaboration().name());
      assertEquals("demo-results", advertiser.getMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId()))
          .membership().defaultJobResultConfiguration().outputConfiguration().s3().bucket());
      assertEquals(List.of("customers"), advertiser.listConfiguredTables(b -> { }).configuredTableSummaries().stream()
          .map(t -> t.name()).toList());
      assertEquals(List.of("campaign_reach", "segment_report", "python_lift"), advertiser.listAnalysisTemplates(b -> b
          .membershipIdentifier(demo.advertiserMembershipId())).analysisTemplateSummaries().stream()
          .map(t -> t.name()).toList());
      assertEquals(List.of("customers", "impressions"), clients.publisher().listSchemas(b -> b
          .collaborationIdentifier(demo.collaborationId())).schemaSummaries().stream().map(s -> s.name()).toList());
      ProtectedJob after = clients.get(before.id());
      assertEquals("SUCCESS", after.statusAsString());
      assertEquals(before.result().output().s3().location(), after.result().output().s3().location());
      assertEquals(before.statistics().totalDurationInMillis(), after.statistics().totalDurationInMillis());
      assertTrue(clients.resultKeys(before.id()).contains("jobs/" + before.id() + "/campaign_reach/_SUCCESS"));
    }
  }

  @Test
  void succeededProtectedQuerySurvivesARestart() {
    String membershipId;
    ProtectedQuery before;
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      membershipId = local.demo().orElseThrow().advertiserMembershipId();
      String queryId = clients.advertiser().startProtectedQuery(b -> b.membershipIdentifier(membershipId)
          .type(ProtectedQueryType.SQL).sqlParameters(p -> p.queryString(ProtectedQueryTest.SEGMENTS))
          .resultConfiguration(ProtectedQueryTest.s3Output(ResultFormat.CSV, "kept", true))).protectedQuery().id();
      before = getQuery(clients.advertiser(), membershipId, queryId);
      while (!ProtectedQueryTest.ENDED.contains(before.statusAsString())) {
        ProtectedQueryTest.sleep();
        before = getQuery(clients.advertiser(), membershipId, queryId);
      }
      assertEquals("SUCCESS", before.statusAsString(), String.valueOf(before.error()));
    }
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      ProtectedQuery after = getQuery(clients.advertiser(), membershipId, before.id());
      assertEquals("SUCCESS", after.statusAsString());
      assertEquals(before.result().output().s3().location(), after.result().output().s3().location());
      assertEquals(ProtectedQueryTest.SEGMENTS, after.sqlParameters().queryString());
      assertEquals(before.statistics().totalDurationInMillis(), after.statistics().totalDurationInMillis());
      assertEquals(List.of(before.id() + " SUCCESS"), clients.advertiser().listProtectedQueries(b -> b
          .membershipIdentifier(membershipId)).protectedQueries().stream()
          .map(q -> q.id() + " " + q.statusAsString()).toList());
    }
  }

  @Test
  void setupMadeFromScratchSurvivesARestartWithItsAccountsAndGlueTables() {
    String collaborationId;
    String membershipId;
    String tableId;
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dataDir).start()) {
      local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
      local.registerGlueTable("db", "events", List.of(new ColumnSpec("id", "bigint")),
          new S3Location("data", "events/"), "CSV");
      try (CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
        collaborationId = owner.createCollaboration(b -> b.name("kept").description("kept").creatorDisplayName("owner")
            .creatorMemberAbilities(MemberAbility.CAN_QUERY).members(List.of())
            .queryLogStatus(CollaborationQueryLogStatus.DISABLED)).collaboration().id();
        membershipId = owner.createMembership(b -> b.collaborationIdentifier(collaborationId)
            .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
        tableId = owner.createConfiguredTable(b -> b.name("events")
            .tableReference(r -> r.glue(g -> g.databaseName("db").tableName("events")))
            .allowedColumns("id").analysisMethod("DIRECT_QUERY")).configuredTable().id();
        owner.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
            .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
            .analysisRulePolicy(p -> p.v1(v -> v.list(l -> l.joinColumns("id").listColumns("id")))));
        owner.createConfiguredTableAssociation(b -> b.membershipIdentifier(membershipId)
            .configuredTableIdentifier(tableId).name("events").roleArn("arn:aws:iam::333333333333:role/r"));
        owner.createAnalysisTemplate(b -> b.membershipIdentifier(membershipId).name("count_events")
            .format(AnalysisFormat.SQL).source(s -> s.text("SELECT COUNT(*) FROM events"))
            .schema(s -> s.referencedTables("events")));
      }
    }
    // The account is not registered again: it was saved with the rest.
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dataDir).start();
        CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
      assertEquals("kept", owner.getCollaboration(b -> b.collaborationIdentifier(collaborationId))
          .collaboration().name());
      assertEquals(collaborationId, owner.getMembership(b -> b.membershipIdentifier(membershipId))
          .membership().collaborationId());
      assertEquals(List.of("LIST"), owner.getConfiguredTable(b -> b.configuredTableIdentifier(tableId))
          .configuredTable().analysisRuleTypesAsStrings());
      assertEquals(List.of("id"), owner.getConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
          .analysisRuleType("LIST")).analysisRule().policy().v1().list().joinColumns());
      assertEquals(List.of("events"), owner.listConfiguredTableAssociations(b -> b.membershipIdentifier(membershipId))
          .configuredTableAssociationSummaries().stream().map(a -> a.name()).toList());
      var template = owner.listAnalysisTemplates(b -> b.membershipIdentifier(membershipId))
          .analysisTemplateSummaries().get(0);
      assertEquals("SELECT COUNT(*) FROM events", owner.getAnalysisTemplate(b -> b.membershipIdentifier(membershipId)
          .analysisTemplateIdentifier(template.id())).analysisTemplate().source().text());
      // The saved Glue table still backs new configured tables.
      owner.createConfiguredTable(b -> b.name("events_again")
          .tableReference(r -> r.glue(g -> g.databaseName("db").tableName("events")))
          .allowedColumns("id").analysisMethod("DIRECT_QUERY"));
    }
  }

  @Test
  void jobRunningAtCloseIsFailedAfterTheRestartAndFreesTheQuota() {
    String jobId;
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      jobId = clients.start(clients.slowTemplate()).id();
      clients.awaitStatus(jobId, "STARTED");
    }
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      assertFailedByRestart(clients.get(jobId));
      ProtectedJob next = clients.awaitEnd(clients.start(local.demo().orElseThrow().templateArns()
          .get("campaign_reach")).id());
      assertEquals("SUCCESS", next.statusAsString(), String.valueOf(next.error()));
    }
  }

  @Test
  void jobRunningWhenTheProcessIsKilledIsFailedAfterTheRestart(@TempDir Path killed) throws IOException {
    try (LocalCleanRooms local = demoOn(dataDir); DemoClients clients = new DemoClients(local)) {
      String jobId = clients.start(clients.slowTemplate()).id();
      clients.awaitStatus(jobId, "STARTED");
      // What a kill -9 leaves behind: the files as they are now, with no chance to write anything more.
      copyTree(dataDir, killed);
      try (LocalCleanRooms restarted = demoOn(killed); DemoClients after = new DemoClients(restarted)) {
        assertEquals(local.demo().orElseThrow(), restarted.demo().orElseThrow());
        assertFailedByRestart(after.get(jobId));
        assertEquals(List.of(), after.advertiser().listProtectedJobs(b -> b
            .membershipIdentifier(restarted.demo().orElseThrow().advertiserMembershipId()).status("STARTED"))
            .protectedJobs());
      }
    }
  }

  @Test
  void unfinishedSaveLeftBehindDoesNotBreakTheStart() throws IOException {
    Path temp = dataDir.resolve("state").resolve("state.json.tmp");
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dataDir).start()) {
      local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
    }
    Files.writeString(temp, "{\"version\":1,\"accounts\":[{\"accountId\":\"4444", StandardCharsets.UTF_8);
    try (LocalCleanRooms local = LocalCleanRooms.builder().dataDir(dataDir).start();
        CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
      assertEquals(List.of(), owner.listCollaborations(b -> { }).collaborationList());
    }
    assertFalse(Files.exists(temp));
  }

  @Test
  void unreadableStateFailsTheStartNamingTheFile() throws IOException {
    Path state = Files.createDirectories(dataDir.resolve("state")).resolve("state.json");
    Files.writeString(state, "{ not json", StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LocalCleanRooms.builder().dataDir(dataDir).build());
    assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
  }

  @Test
  void withoutADataDirectoryNothingSurvives() {
    try (LocalCleanRooms local = LocalCleanRooms.builder().start()) {
      local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
      try (CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
        owner.createCollaboration(b -> b.name("lost").description("lost").creatorDisplayName("owner")
            .creatorMemberAbilities(MemberAbility.CAN_QUERY).members(List.of())
            .queryLogStatus(CollaborationQueryLogStatus.DISABLED));
      }
    }
    try (LocalCleanRooms local = LocalCleanRooms.builder().start();
        CleanRoomsClient owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1")) {
      CleanRoomsException unknown = assertThrows(CleanRoomsException.class, () -> owner.listCollaborations(b -> { }));
      assertEquals("UnrecognizedClientException", unknown.awsErrorDetails().errorCode());
      local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
      assertEquals(List.of(), owner.listCollaborations(b -> { }).collaborationList());
    }
  }

  // Starts on dir with the demo, copying the seeded directory there first when dir is still empty.
  private static LocalCleanRooms demoOn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      if (files.findAny().isEmpty()) {
        copyTree(seeded, dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return LocalCleanRooms.builder().dataDir(dir).seedDemo(true).start();
  }

  private static ProtectedQuery getQuery(CleanRoomsClient client, String membershipId, String queryId) {
    return client.getProtectedQuery(b -> b.membershipIdentifier(membershipId).protectedQueryIdentifier(queryId))
        .protectedQuery();
  }

  private static void assertFailedByRestart(ProtectedJob job) {
    assertEquals("FAILED", job.statusAsString());
    assertEquals("INTERNAL_ERROR", job.error().code());
    assertTrue(job.error().message().contains("restarted"), job.error().message());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          try {
            Files.copy(path, target);
          } catch (NoSuchFileException renamedMeanwhile) {
            // a temporary file renamed after the listing: the kill came just after that rename
          }
        }
      }
    }
  }
}
