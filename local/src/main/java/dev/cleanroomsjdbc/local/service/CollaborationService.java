package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.CollaborationMember;
import dev.cleanroomsjdbc.local.state.Membership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collaborations, their members, and memberships. */
public final class CollaborationService {
  private static final String[] ABILITIES = {"CAN_QUERY", "CAN_RECEIVE_RESULTS", "CAN_RUN_JOB"};

  private final CleanRoomsState state;
  private final Access access;

  public CollaborationService(CleanRoomsState state, Access access) {
    this.state = state;
    this.access = access;
  }

  /** A member together with its membership, once it has joined. */
  public record MemberView(Collaboration collaboration, CollaborationMember member, Optional<Membership> membership) {}

  public Collaboration createCollaboration(Caller caller, JsonNode input) {
    String name = Inputs.requireText(input, "name");
    String creatorName = Inputs.requireText(input, "creatorDisplayName");
    String queryLogStatus = Inputs.requireOneOf("queryLogStatus",
        Inputs.requireText(input, "queryLogStatus"), "ENABLED", "DISABLED");
    List<CollaborationMember> members = new ArrayList<>();
    JsonNode creatorPayment = Inputs.optObject(input, "creatorPaymentConfiguration");
    members.add(new CollaborationMember(caller.accountId(), creatorName,
        verifyAbilities("creatorMemberAbilities", Inputs.requireTextList(input, "creatorMemberAbilities")),
        paysForQueries(creatorPayment, true), creatorPayment));
    JsonNode memberSpecs = input.get("members");
    if (memberSpecs == null || !memberSpecs.isArray()) {
      throw CleanRoomsError.validation("members", "members is required");
    }
    for (JsonNode spec : memberSpecs) {
      String accountId = Inputs.requireText(spec, "accountId");
      if (!accountId.matches("\\d{12}") || accountId.equals(caller.accountId())) {
        throw CleanRoomsError.validation("members.accountId",
            "member account must be a 12-digit account other than the creator's: " + accountId);
      }
      JsonNode payment = Inputs.optObject(spec, "paymentConfiguration");
      members.add(new CollaborationMember(accountId, Inputs.requireText(spec, "displayName"),
          verifyAbilities("members.memberAbilities", Inputs.requireTextList(spec, "memberAbilities")),
          paysForQueries(payment, false), payment));
    }
    String id = state.newId();
    return state.collaborations().put(new Collaboration(id, Arns.collaboration(caller.region(), caller.accountId(), id),
        name, Inputs.optText(input, "description", null), caller.accountId(), creatorName, state.now(),
        queryLogStatus, Inputs.optText(input, "jobLogStatus", "DISABLED"),
        Inputs.optText(input, "analyticsEngine", "SPARK"), members));
  }

  public Collaboration getCollaboration(Caller caller, String collaborationIdentifier) {
    return access.verifyCollaborationMember(caller, collaborationIdentifier);
  }

  /** Collaborations the caller belongs to; memberStatus ACTIVE = joined, INVITED = not yet. */
  public List<Collaboration> listCollaborations(Caller caller, String memberStatus) {
    return state.collaborations().where(c -> c.hasMember(caller.accountId())
        && (memberStatus == null || memberStatus.equals(memberStatusOf(c, caller.accountId()))));
  }

  /** Only the creator may rename a collaboration, describe it, or change its analytics engine. */
  public Collaboration updateCollaboration(Caller caller, String collaborationIdentifier, JsonNode input) {
    Collaboration c = access.verifyCollaborationMember(caller, collaborationIdentifier);
    if (!c.creatorAccountId().equals(caller.accountId())) {
      throw CleanRoomsError.accessDenied("Only the creator of collaboration " + c.id() + " may update it");
    }
    String engine = Inputs.requireOneOf("analyticsEngine",
        Inputs.optText(input, "analyticsEngine", c.analyticsEngine()), "SPARK", "CLEAN_ROOMS_SQL");
    return state.collaborations().put(new Collaboration(c.id(), c.arn(), Inputs.optText(input, "name", c.name()),
        Inputs.optText(input, "description", c.description()), c.creatorAccountId(), c.creatorDisplayName(),
        c.createTime(), c.queryLogStatus(), c.jobLogStatus(), engine, c.members()));
  }

  public String memberStatusOf(Collaboration collaboration, String accountId) {
    return membership(collaboration.id(), accountId).isPresent() ? "ACTIVE" : "INVITED";
  }

  /** The collaboration a membership belongs to. */
  public Collaboration collaborationOf(Membership membership) {
    return state.collaborations().get(membership.collaborationId()).orElseThrow();
  }

  public Optional<Membership> membership(String collaborationId, String accountId) {
    return state.memberships()
        .where(m -> m.collaborationId().equals(collaborationId) && m.accountId().equals(accountId))
        .stream().findFirst();
  }

  public List<MemberView> listMembers(Caller caller, String collaborationIdentifier) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    return collaboration.members().stream()
        .map(m -> new MemberView(collaboration, m, membership(collaboration.id(), m.accountId())))
        .toList();
  }

  public Membership createMembership(Caller caller, JsonNode input) {
    Collaboration collaboration =
        access.verifyCollaborationMember(caller, Inputs.requireText(input, "collaborationIdentifier"));
    String queryLogStatus = Inputs.requireOneOf("queryLogStatus",
        Inputs.requireText(input, "queryLogStatus"), "ENABLED", "DISABLED");
    JsonNode jobResults = verifyJobResultConfiguration(Inputs.optObject(input, "defaultJobResultConfiguration"));
    CollaborationMember member = collaboration.member(caller.accountId()).orElseThrow();
    String id = state.newId();
    Instant now = state.now();
    Membership membership = new Membership(id, Arns.membership(caller.region(), caller.accountId(), id),
        caller.accountId(), collaboration.id(), member.abilities(), queryLogStatus,
        Inputs.optText(input, "jobLogStatus", "DISABLED"), Inputs.optObject(input, "defaultResultConfiguration"),
        jobResults, input.has("paymentConfiguration") ? Inputs.optObject(input, "paymentConfiguration")
            : member.paymentConfiguration(), now, now);
    boolean created = state.memberships().putIfNone(
        m -> m.collaborationId().equals(collaboration.id()) && m.accountId().equals(caller.accountId()), membership);
    if (!created) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", collaboration.id(),
          "Account " + caller.accountId() + " already has a membership in collaboration " + collaboration.id());
    }
    return membership;
  }

  public Membership getMembership(Caller caller, String membershipIdentifier) {
    return access.verifyOwnMembership(caller, membershipIdentifier);
  }

  public List<Membership> listMemberships(Caller caller, String status) {
    return state.memberships().where(m -> m.accountId().equals(caller.accountId())
        && (status == null || "ACTIVE".equals(status)));
  }

  public Membership updateMembership(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership current = access.verifyOwnMembership(caller, membershipIdentifier);
    JsonNode jobResults = input.has("defaultJobResultConfiguration")
        ? verifyJobResultConfiguration(Inputs.optObject(input, "defaultJobResultConfiguration"))
        : current.defaultJobResultConfiguration();
    JsonNode queryResults = input.has("defaultResultConfiguration")
        ? Inputs.optObject(input, "defaultResultConfiguration")
        : current.defaultResultConfiguration();
    Membership updated = current.updated(
        Inputs.optText(input, "queryLogStatus", current.queryLogStatus()),
        Inputs.optText(input, "jobLogStatus", current.jobLogStatus()),
        queryResults, jobResults, state.now());
    return state.memberships().put(updated);
  }

  private static boolean paysForQueries(JsonNode payment, boolean fallback) {
    return payment == null ? fallback : payment.path("queryCompute").path("isResponsible").asBoolean(fallback);
  }

  private static List<String> verifyAbilities(String field, List<String> abilities) {
    abilities.forEach(a -> Inputs.requireOneOf(field, a, ABILITIES));
    return abilities;
  }

  private static JsonNode verifyJobResultConfiguration(JsonNode config) {
    if (config == null) {
      return null;
    }
    Inputs.requireText(config, "roleArn");
    JsonNode s3 = Inputs.requireObject(Inputs.requireObject(config, "outputConfiguration"), "s3");
    Inputs.requireText(s3, "bucket");
    return config;
  }
}
