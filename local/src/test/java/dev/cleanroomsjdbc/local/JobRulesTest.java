package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.ListProtectedJobsResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListSchemasResponse;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * The rules StartProtectedJob applies to a template's tables and result receiver, who may read a membership's
 * jobs, and how job and schema listings page, seen through the SDK client only.
 */
@Timeout(60)
class JobRulesTest {
  private static JobFixture fixture;
  private static DemoCollaboration.Demo demo;
  private static CleanRoomsClient advertiser;
  private static CleanRoomsClient publisher;

  @BeforeAll
  static void start() {
    fixture = new JobFixture();
    demo = fixture.demo;
    advertiser = fixture.advertiser;
    publisher = fixture.publisher;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void tableWithoutCustomRuleRefusesTheJob() {
    String tableId = fixture.table("no_rule");
    fixture.associate(tableId, "no_rule");
    String arn = fixture.template("no_rule_job", "no_rule");
    ValidationException e = assertThrows(ValidationException.class, () -> fixture.startJob(arn));
    assertEquals(400, e.statusCode());
    assertEquals("INVALID_CONFIGURATION", e.reasonAsString());
    assertTrue(e.getMessage().contains("Custom analysis rule") && e.getMessage().contains("no_rule"),
        e.getMessage());
  }

  @Test
  void customRuleThatDoesNotListTheTemplateRefusesTheJob() {
    String tableId = fixture.table("other_only");
    fixture.customRule(tableId, demo.templateArns().get("campaign_reach"));
    fixture.associate(tableId, "other_only");
    String arn = fixture.template("other_only_job", "other_only");
    ValidationException e = assertThrows(ValidationException.class, () -> fixture.startJob(arn));
    assertTrue(e.getMessage().contains("other_only") && e.getMessage().contains(arn), e.getMessage());
  }

  @Test
  void customRuleListingTheTemplateArnAllowsTheJob() {
    String tableId = fixture.table("by_arn");
    fixture.associate(tableId, "by_arn");
    String arn = fixture.template("by_arn_job", "by_arn");
    fixture.customRule(tableId, arn);
    ProtectedJob job = fixture.run(arn);
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
  }

  @Test
  void collaborationRuleWithoutTheReceiverRefusesTheJob() {
    String tableId = fixture.table("publisher_receives");
    fixture.customRule(tableId, "ANY_JOB");
    String associationId = fixture.associate(tableId, "publisher_receives");
    assertEquals(associationId,
        fixture.collaborationRule(associationId, DemoCollaboration.PUBLISHER_ACCOUNT).configuredTableAssociationId());
    assertEquals(List.of(DemoCollaboration.PUBLISHER_ACCOUNT), advertiser
        .getConfiguredTableAssociationAnalysisRule(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .configuredTableAssociationIdentifier(associationId)
            .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM))
        .analysisRule().policy().v1().custom().allowedResultReceivers());
    assertEquals(List.of("CUSTOM"), advertiser.getConfiguredTableAssociation(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(associationId))
        .configuredTableAssociation().analysisRuleTypesAsStrings());
    String arn = fixture.template("publisher_receives_job", "publisher_receives");
    ValidationException e = assertThrows(ValidationException.class, () -> fixture.startJob(arn));
    assertTrue(e.getMessage().contains("Collaboration analysis rule")
        && e.getMessage().contains("publisher_receives")
        && e.getMessage().contains(DemoCollaboration.ADVERTISER_ACCOUNT), e.getMessage());
  }

  @Test
  void collaborationRuleListingTheReceiverAllowsTheJob() {
    String tableId = fixture.table("both_receive");
    fixture.customRule(tableId, "ANY_JOB");
    String associationId = fixture.associate(tableId, "both_receive");
    fixture.collaborationRule(associationId, DemoCollaboration.PUBLISHER_ACCOUNT,
        DemoCollaboration.ADVERTISER_ACCOUNT);
    ProtectedJob job = fixture.run(fixture.template("both_receive_job", "both_receive"));
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
  }

  @Test
  void collaborationRulesAreCheckedWhenCreated() {
    String tableId = fixture.table("checked_rules");
    fixture.customRule(tableId, "ANY_JOB");
    String associationId = fixture.associate(tableId, "checked_rules");
    ValidationException stranger = assertThrows(ValidationException.class,
        () -> fixture.collaborationRule(associationId, "333333333333"));
    assertTrue(stranger.getMessage().contains("333333333333"), stranger.getMessage());
    ValidationException noListRule = assertThrows(ValidationException.class, () -> advertiser
        .createConfiguredTableAssociationAnalysisRule(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .configuredTableAssociationIdentifier(associationId)
            .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.LIST)
            .analysisRulePolicy(p -> p.v1(v -> v.list(l -> l.allowedResultReceivers(
                DemoCollaboration.ADVERTISER_ACCOUNT))))));
    assertTrue(noListRule.getMessage().contains("LIST"), noListRule.getMessage());
    assertThrows(ResourceNotFoundException.class, () -> advertiser.getConfiguredTableAssociationAnalysisRule(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(associationId)
        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM)));
    fixture.collaborationRule(associationId, DemoCollaboration.ADVERTISER_ACCOUNT);
    assertThrows(ConflictException.class,
        () -> fixture.collaborationRule(associationId, DemoCollaboration.ADVERTISER_ACCOUNT));
    assertThrows(ResourceNotFoundException.class, () -> publisher.getConfiguredTableAssociationAnalysisRule(b -> b
        .membershipIdentifier(demo.advertiserMembershipId()).configuredTableAssociationIdentifier(associationId)
        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM)));
  }

  @Test
  void receiverWithoutDefaultJobResultConfigurationRefusesTheJob() {
    String collaborationId = advertiser.createCollaboration(b -> b.name("no_results").description("no results")
        .creatorDisplayName("advertiser")
        .creatorMemberAbilities(MemberAbility.CAN_RUN_JOB, MemberAbility.CAN_RECEIVE_RESULTS)
        .members(List.of()).queryLogStatus(CollaborationQueryLogStatus.DISABLED)).collaboration().id();
    String membershipId = advertiser.createMembership(b -> b.collaborationIdentifier(collaborationId)
        .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
    String tableId = fixture.table("receiverless");
    fixture.customRule(tableId, "ANY_JOB");
    fixture.associate(membershipId, tableId, "receiverless");
    String arn = fixture.template(membershipId, "receiverless_job", "receiverless",
        "SELECT COUNT(*) AS n FROM receiverless");
    ValidationException e = assertThrows(ValidationException.class, () -> fixture.startJob(membershipId, arn));
    assertEquals("INVALID_CONFIGURATION", e.reasonAsString());
    assertTrue(e.getMessage().contains("defaultJobResultConfiguration"), e.getMessage());
  }

  @Test
  void anotherAccountCannotReadTheMembershipsJobs() {
    ProtectedJob job = fixture.run(fixture.template("visible_job", "customers"));
    ResourceNotFoundException viaTheirMembership = assertThrows(ResourceNotFoundException.class,
        () -> publisher.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
            .protectedJobIdentifier(job.id())));
    assertEquals(404, viaTheirMembership.statusCode());
    assertEquals("MEMBERSHIP", viaTheirMembership.resourceTypeAsString());
    assertThrows(ResourceNotFoundException.class, () -> publisher.getProtectedJob(b -> b
        .membershipIdentifier(demo.publisherMembershipId()).protectedJobIdentifier(job.id())));
    assertThrows(ResourceNotFoundException.class, () -> publisher.listProtectedJobs(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())));
    assertTrue(publisher.listProtectedJobs(b -> b.membershipIdentifier(demo.publisherMembershipId()))
        .protectedJobs().isEmpty());
  }

  @Test
  void protectedJobsPageOneAtATimeNewestFirst() {
    String arn = fixture.template("paged_jobs", "customers");
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(0, fixture.run(arn).id());
    }
    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListProtectedJobsResponse page = advertiser.listProtectedJobs(b -> b
          .membershipIdentifier(demo.advertiserMembershipId()).maxResults(1).nextToken(next));
      assertEquals(1, page.protectedJobs().size());
      page.protectedJobs().forEach(j -> paged.add(j.id()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertEquals(paged.size(), pages);
    assertEquals(started, paged.subList(0, 3));
    assertEquals(advertiser.listProtectedJobs(b -> b.membershipIdentifier(demo.advertiserMembershipId()))
        .protectedJobs().stream().map(j -> j.id()).toList(), paged);
  }

  @Test
  void schemasPageOneAtATime() {
    ListSchemasResponse first = advertiser.listSchemas(b -> b.collaborationIdentifier(demo.collaborationId())
        .maxResults(1));
    assertEquals(1, first.schemaSummaries().size());
    assertNotNull(first.nextToken());
    List<String> paged = advertiser.listSchemasPaginator(b -> b.collaborationIdentifier(demo.collaborationId())
        .maxResults(1)).schemaSummaries().stream().map(s -> s.name()).toList();
    List<String> all = advertiser.listSchemas(b -> b.collaborationIdentifier(demo.collaborationId()))
        .schemaSummaries().stream().map(s -> s.name()).toList();
    assertTrue(all.size() >= 2, all.toString());
    assertEquals(all, paged);
  }
}
