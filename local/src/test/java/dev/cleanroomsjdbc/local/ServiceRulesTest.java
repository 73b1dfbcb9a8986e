package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationExceptionField;

/**
 * The service's rules the model cannot express (docs/local-clean-rooms.md, "Rules"), each refused with the error
 * the rules table names, and the order of checks: the model's constraints before any lookup.
 */
@Timeout(60)
class ServiceRulesTest {
  private static final String ADVERTISER = DemoCollaboration.ADVERTISER_ACCOUNT;
  private static final String PUBLISHER = DemoCollaboration.PUBLISHER_ACCOUNT;
  private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static DemoClients clients;
  private static CleanRoomsClient advertiser;
  private static CleanRoomsClient publisher;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    demo = local.demo().orElseThrow();
    clients = new DemoClients(local);
    advertiser = clients.advertiser();
    publisher = clients.publisher();
  }

  @AfterAll
  static void stop() {
    clients.close();
    local.close();
  }

  private static CreateCollaborationRequest.Builder collaboration(CreateCollaborationRequest.Builder b) {
    return b.name("rules").description("rules").creatorDisplayName("advertiser").queryLogStatus("DISABLED")
        .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RUN_JOB, MemberAbility.CAN_RECEIVE_RESULTS);
  }

  private static MemberSpecification publisherMember(Consumer<MemberSpecification.Builder> payment) {
    MemberSpecification.Builder member = MemberSpecification.builder().accountId(PUBLISHER).displayName("publisher")
        .memberAbilitiesWithStrings(List.of());
    payment.accept(member);
    return member.build();
  }

  private static ValidationException invalidConfiguration(Runnable call, String rule) {
    ValidationException e = assertThrows(ValidationException.class, call::run);
    assertEquals(List.of(400, "INVALID_CONFIGURATION"), List.of(e.statusCode(), e.reasonAsString()));
    assertTrue(e.getMessage().contains(rule), e.getMessage());
    return e;
  }

  @Test
  void twoPayersOfQueryComputeAreRefused() {
    invalidConfiguration(() -> advertiser.createCollaboration(b -> collaboration(b)
        .creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))
        .members(publisherMember(m -> m.paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))))),
        "exactly one member can be configured to pay for query compute");
  }

  @Test
  void twoPayersOfJobComputeAreRefused() {
    invalidConfiguration(() -> advertiser.createCollaboration(b -> collaboration(b)
        .creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)).jobCompute(j -> j.isResponsible(true)))
        .members(publisherMember(m -> m.paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false))
            .jobCompute(j -> j.isResponsible(true)))))), "job compute");
  }

  @Test
  void theMemberWhoCanQueryPaysUnlessAnotherIsNamed() {
    invalidConfiguration(() -> advertiser.createCollaboration(b -> collaboration(b)
        .creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))
        .members(publisherMember(m -> { }))), "cannot be set FALSE");
    String id = advertiser.createCollaboration(b -> collaboration(b)
        .creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))
        .members(publisherMember(m -> m.paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true))))))
        .collaboration().id();
    assertTrue(advertiser.listMembers(b -> b.collaborationIdentifier(id)).memberSummaries().stream()
        .anyMatch(m -> m.accountId().equals(PUBLISHER) && m.paymentConfiguration().queryCompute().isResponsible()));
  }

  @Test
  void aMembershipAcceptsExactlyThePaymentItWasAssigned() {
    String id = advertiser.createCollaboration(b -> collaboration(b).members(publisherMember(m -> { })))
        .collaboration().id();
    invalidConfiguration(() -> publisher.createMembership(b -> b.collaborationIdentifier(id).queryLogStatus("DISABLED")
        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))), "Membership payment rule");
    invalidConfiguration(() -> advertiser.createMembership(b -> b.collaborationIdentifier(id)
        .queryLogStatus("DISABLED").paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))),
        "Membership payment rule");
    assertTrue(publisher.createMembership(b -> b.collaborationIdentifier(id).queryLogStatus("DISABLED")
        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))).membership().paymentConfiguration()
        .queryCompute().isResponsible() == Boolean.FALSE);
  }

  @Test
  void multipleNeedsTwoSelectedAnalysisMethodsOnCreateAndUpdate() {
    invalidConfiguration(() -> advertiser.createConfiguredTable(b -> b.name("one_method")
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("customers")))
        .allowedColumns("customer_id").analysisMethod("MULTIPLE").selectedAnalysisMethodsWithStrings("DIRECT_JOB")),
        "Selected analysis methods rule");
    String id = advertiser.createConfiguredTable(b -> b.name("two_methods")
        .tableReference(r -> r.glue(g -> g.databaseName("advertiser_db").tableName("customers")))
        .allowedColumns("customer_id").analysisMethod("MULTIPLE")
        .selectedAnalysisMethodsWithStrings("DIRECT_JOB", "DIRECT_QUERY")).configuredTable().id();
    invalidConfiguration(() -> advertiser.updateConfiguredTable(b -> b.configuredTableIdentifier(id)
        .selectedAnalysisMethodsWithStrings("DIRECT_QUERY")), "Selected analysis methods rule");
  }

  @Test
  void aJobsResultsGoOnlyToItsTemplatesCreator() {
    invalidConfiguration(() -> advertiser.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(demo.templateArns().get("python_lift")))
        .resultConfiguration(r -> r.outputConfiguration(o -> o.member(m -> m.accountId(PUBLISHER))))),
        "Result receiver rule");
  }

  @Test
  void malformedIdsInThePathAreValidationErrorsNotNotFound() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> advertiser.getMembership(b -> b.membershipIdentifier("not-a-membership-id")));
    assertEquals(List.of("membershipIdentifier"), names(e));
    ValidationException arn = assertThrows(ValidationException.class, () -> publisher.getCollaborationAnalysisTemplate(
        b -> b.collaborationIdentifier(demo.collaborationId()).analysisTemplateArn("arn:aws:cleanrooms:nowhere")));
    assertEquals(List.of("analysisTemplateArn"), names(arn));
  }

  @Test
  void invalidInputIsReportedBeforeAnUnknownResourceAndAllAtOnce() {
    ValidationException e = assertThrows(ValidationException.class, () -> advertiser.createMembership(b -> b
        .collaborationIdentifier(UNKNOWN).queryLogStatus("MAYBE").jobLogStatus("PERHAPS")));
    assertEquals(List.of("queryLogStatus", "jobLogStatus"), names(e));
    assertTrue(e.getMessage().startsWith("2 validation errors detected: Value 'MAYBE' at 'queryLogStatus'"),
        e.getMessage());
  }

  @Test
  void invalidEnumsInTheQueryStringAreValidationErrors() {
    assertEquals(List.of("status"), names(assertThrows(ValidationException.class, () -> advertiser.listProtectedJobs(
        b -> b.membershipIdentifier(demo.advertiserMembershipId()).status("RUNNING")))));
    assertEquals(List.of("schemaType"), names(assertThrows(ValidationException.class, () -> advertiser.listSchemas(
        b -> b.collaborationIdentifier(demo.collaborationId()).schemaType("VIEW")))));
    assertEquals(List.of("status"), names(assertThrows(ValidationException.class,
        () -> advertiser.listMemberships(b -> b.status("PENDING")))));
  }

  @Test
  void missingTemplatesJobsAndQueriesNameTheirOwnResourceType() {
    String membership = demo.advertiserMembershipId();
    assertEquals("ANALYSIS_TEMPLATE", missing(() -> advertiser.getAnalysisTemplate(b -> b
        .membershipIdentifier(membership).analysisTemplateIdentifier(UNKNOWN))));
    assertEquals("PROTECTED_JOB", missing(() -> advertiser.getProtectedJob(b -> b.membershipIdentifier(membership)
        .protectedJobIdentifier(UNKNOWN))));
    assertEquals("PROTECTED_QUERY", missing(() -> advertiser.getProtectedQuery(b -> b.membershipIdentifier(membership)
        .protectedQueryIdentifier(UNKNOWN))));
    assertEquals("MEMBERSHIP", missing(() -> advertiser.getMembership(b -> b.membershipIdentifier(UNKNOWN))));
  }

  private static String missing(Runnable call) {
    ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, call::run);
    assertEquals(UNKNOWN, e.resourceId());
    return e.resourceTypeAsString();
  }

  private static List<String> names(ValidationException e) {
    assertEquals("FIELD_VALIDATION_FAILED", e.reasonAsString());
    return e.fieldList().stream().map(ValidationExceptionField::name).distinct().toList();
  }
}
