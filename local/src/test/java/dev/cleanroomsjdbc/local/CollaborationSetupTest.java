package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/** Setting up a collaboration from scratch through the SDK, and the errors the setup operations answer. */
@Timeout(60)
class CollaborationSetupTest {
  private static LocalCleanRooms local;
  private static CleanRoomsClient owner;
  private static CleanRoomsClient invitee;
  private static CleanRoomsClient outsider;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().start();
    local.registerAccount("333333333333", "AKIATESTOWNER0000001", "s1");
    local.registerAccount("444444444444", "AKIATESTINVITEE00001", "s2");
    local.registerAccount("555555555555", "AKIATESTOUTSIDER0001", "s3");
    local.registerGlueTable("db", "events", List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("kind", "string")),
        new S3Location("data", "events/"), "CSV");
    owner = DemoCollaboration.client(local.endpoint(), "AKIATESTOWNER0000001", "s1");
    invitee = DemoCollaboration.client(local.endpoint(), "AKIATESTINVITEE00001", "s2");
    outsider = DemoCollaboration.client(local.endpoint(), "AKIATESTOUTSIDER0001", "s3");
  }

  @AfterAll
  static void stop() {
    owner.close();
    invitee.close();
    outsider.close();
    local.close();
  }

  @Test
  void inviteeIsInvitedUntilItCreatesItsMembership() {
    String collaborationId = createCollaboration("setup");
    assertEquals("INVITED", invitee.listCollaborations(b -> { }).collaborationList().stream()
        .filter(c -> c.id().equals(collaborationId)).findFirst().orElseThrow().memberStatusAsString());
    String membershipId = invitee.createMembership(b -> b.collaborationIdentifier(collaborationId)
        .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
    assertEquals(membershipId, invitee.getCollaboration(b -> b.collaborationIdentifier(collaborationId))
        .collaboration().membershipId());
    assertThrows(ConflictException.class, () -> invitee.createMembership(b -> b
        .collaborationIdentifier(collaborationId).queryLogStatus(MembershipQueryLogStatus.DISABLED)));
  }

  @Test
  void outsiderCannotSeeTheCollaboration() {
    String collaborationId = createCollaboration("private");
    assertThrows(AccessDeniedException.class,
        () -> outsider.getCollaboration(b -> b.collaborationIdentifier(collaborationId)));
    assertTrue(outsider.listCollaborations(b -> { }).collaborationList().isEmpty());
  }

  @Test
  void secondAnalysisRuleOfTheSameTypeConflicts() {
    String tableId = owner.createConfiguredTable(b -> b.name("events")
        .tableReference(r -> r.glue(g -> g.databaseName("db").tableName("events")))
        .allowedColumns("id", "kind").analysisMethod("MULTIPLE")
        .selectedAnalysisMethodsWithStrings("DIRECT_QUERY", "DIRECT_JOB")).configuredTable().id();
    owner.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
        .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_JOB")))));
    assertThrows(ConflictException.class, () -> owner.createConfiguredTableAnalysisRule(b -> b
        .configuredTableIdentifier(tableId).analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
        .analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_JOB"))))));
    assertEquals(List.of("CUSTOM"), owner.getConfiguredTable(b -> b.configuredTableIdentifier(tableId))
        .configuredTable().analysisRuleTypesAsStrings());
  }

  @Test
  void allowedColumnsMustExistInGlue() {
    ValidationException e = assertThrows(ValidationException.class, () -> owner.createConfiguredTable(b -> b
        .name("events").tableReference(r -> r.glue(g -> g.databaseName("db").tableName("events")))
        .allowedColumns("id", "secret").analysisMethod("DIRECT_JOB")));
    assertEquals("allowedColumns", e.fieldList().get(0).name());
  }

  @Test
  void jobTemplateNeedsAnExistingEntryPoint() {
    String collaborationId = createCollaboration("templates");
    String membershipId = owner.createMembership(b -> b.collaborationIdentifier(collaborationId)
        .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
    ValidationException e = assertThrows(ValidationException.class, () -> owner.createAnalysisTemplate(b -> b
        .membershipIdentifier(membershipId).name("missing").format(AnalysisFormat.PYSPARK_1_0)
        .source(s -> s.artifacts(a -> a.entryPoint(p -> p.location(l -> l.bucket("code").key("none.sql")))
            .roleArn("arn:aws:iam::333333333333:role/r")))));
    assertTrue(e.getMessage().contains("s3://code/none.sql"), e.getMessage());
    String sqlTemplate = owner.createAnalysisTemplate(b -> b.membershipIdentifier(membershipId).name("sql_one")
        .format(AnalysisFormat.SQL).source(s -> s.text("SELECT 1"))).analysisTemplate().id();
    assertEquals("SELECT 1", owner.getAnalysisTemplate(b -> b.membershipIdentifier(membershipId)
        .analysisTemplateIdentifier(sqlTemplate)).analysisTemplate().source().text());
  }

  private static String createCollaboration(String name) {
    return owner.createCollaboration(b -> b.name(name).description(name).creatorDisplayName("owner")
        .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RUN_JOB)
        .members(m -> m.accountId("444444444444").displayName("invitee").memberAbilitiesWithStrings(List.of()))
        .queryLogStatus(CollaborationQueryLogStatus.DISABLED)).collaboration().id();
  }
}
