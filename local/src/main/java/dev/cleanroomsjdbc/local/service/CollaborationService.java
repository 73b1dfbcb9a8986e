package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.CollaborationMember;
import dev.cleanroomsjdbc.local.state.Membership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Collaborations, their members, and memberships. */
public final class CollaborationService {
  private final CleanRoomsState state;
  private final Access access;

  public CollaborationService(CleanRoomsState state, Access access) {
    this.state = state;
    this.access = access;
  }

  /** A member together with its membership, once it has joined. */
  public record MemberView(Collaboration collaboration, CollaborationMember member, Optional<Membership> membership) {}

  public Collaboration createCollaboration(Caller caller, JsonNode input) {
    String creatorName = Inputs.text(input, "creatorDisplayName");
    List<PaymentRules.Declared> declared = new ArrayList<>();
    declared.add(new PaymentRules.Declared(caller.accountId(), Inputs.textList(input, "creatorMemberAbilities"),
        Inputs.object(input, "creatorPaymentConfiguration")));
    for (JsonNode spec : input.get("members")) {
      declared.add(new PaymentRules.Declared(Inputs.text(spec, "accountId"), Inputs.textList(spec, "memberAbilities"),
          Inputs.object(spec, "paymentConfiguration")));
    }
    verifyMemberAccounts(caller, declared);
    String queryPayer = PaymentRules.verifyOneQueryComputePayer(declared);
    String jobPayer = PaymentRules.verifyOneJobComputePayer(declared);
    String creatorPayer = queryPayer == null ? caller.accountId() : queryPayer;
    List<CollaborationMember> members = new ArrayList<>();
    members.add(new CollaborationMember(caller.accountId(), creatorName, declared.get(0).abilities(),
        creatorPayer.equals(caller.accountId()), declared.get(0).paymentConfiguration(),
        Inputs.object(input, "creatorMLMemberAbilities"), caller.accountId().equals(jobPayer)));
    int i = 1;
    for (JsonNode spec : input.get("members")) {
      PaymentRules.Declared member = declared.get(i++);
      members.add(new CollaborationMember(member.accountId(), Inputs.text(spec, "displayName"), member.abilities(),
          member.accountId().equals(creatorPayer), member.paymentConfiguration(),
          Inputs.object(spec, "mlMemberAbilities"), member.accountId().equals(jobPayer)));
    }
    String id = state.newId();
    Instant now = state.now();
    return state.collaborations().put(new Collaboration(id, Arns.collaboration(caller.region(), caller.accountId(), id),
        Inputs.text(input, "name"), Inputs.text(input, "description"), caller.accountId(), creatorName, now, now,
        Inputs.text(input, "queryLogStatus"), Inputs.text(input, "jobLogStatus", "DISABLED"),
        Inputs.text(input, "analyticsEngine", "SPARK"), members, Inputs.object(input, "dataEncryptionMetadata"),
        Inputs.object(input, "autoApprovedChangeRequestTypes"), Inputs.object(input, "allowedResultRegions")));
  }

  /** Creator rule: only the account that created a collaboration may change it. */
  private static void verifyCreator(Caller caller, Collaboration c) {
    if (!c.creatorAccountId().equals(caller.accountId())) {
      throw CleanRoomsError.accessDenied("Only the creator of collaboration " + c.id() + " may update it");
    }
  }

  /** Member account rule: every member is another account than the creator, and each is listed once. */
  private static void verifyMemberAccounts(Caller caller, List<PaymentRules.Declared> members) {
    Set<String> seen = new HashSet<>();
    for (PaymentRules.Declared member : members) {
      if (!seen.add(member.accountId())) {
        throw CleanRoomsError.invalidConfiguration("Member account rule: account " + member.accountId()
            + (member.accountId().equals(caller.accountId()) ? " is the creator and cannot also be listed in members"
                : " is listed more than once in members"));
      }
    }
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
    verifyCreator(caller, c);
    return state.collaborations().put(new Collaboration(c.id(), c.arn(), Inputs.text(input, "name", c.name()),
        Inputs.text(input, "description", c.description()), c.creatorAccountId(), c.creatorDisplayName(),
        c.createTime(), state.now(), c.queryLogStatus(), c.jobLogStatus(),
        Inputs.text(input, "analyticsEngine", c.analyticsEngine()), c.members(), c.dataEncryptionMetadata(),
        c.autoApprovedChangeTypes(), c.allowedResultRegions()));
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
        access.verifyCollaborationMember(caller, Inputs.text(input, "collaborationIdentifier"));
    CollaborationMember member = collaboration.member(caller.accountId()).orElseThrow();
    JsonNode payment = Inputs.object(input, "paymentConfiguration");
    PaymentRules.verifyMembershipPayment(member, payment);
    String id = state.newId();
    Instant now = state.now();
    Membership membership = new Membership(id, Arns.membership(caller.region(), caller.accountId(), id),
        caller.accountId(), collaboration.id(), member.abilities(), Inputs.text(input, "queryLogStatus"),
        Inputs.text(input, "jobLogStatus", "DISABLED"), Inputs.object(input, "defaultResultConfiguration"),
        Inputs.object(input, "defaultJobResultConfiguration"), payment != null ? payment : paymentOf(member), now,
        now, member.mlAbilities());
    boolean created = state.memberships().putIfNone(
        m -> m.collaborationId().equals(collaboration.id()) && m.accountId().equals(caller.accountId()), membership);
    if (!created) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", collaboration.id(),
          "Account " + caller.accountId() + " already has a membership in collaboration " + collaboration.id());
    }
    return membership;
  }

  /** The payment configuration the creator declared for a member, or what the defaults assigned it. */
  public JsonNode paymentOf(CollaborationMember member) {
    return member.paymentConfiguration() != null ? member.paymentConfiguration() : PaymentRules.assigned(member);
  }

  public Membership getMembership(Caller caller, String membershipIdentifier) {
    return access.verifyOwnMembership(caller, membershipIdentifier);
  }

  /** The caller's memberships; all are ACTIVE, so another status filter lists none. */
  public List<Membership> listMemberships(Caller caller, String status) {
    return state.memberships().where(m -> m.accountId().equals(caller.accountId())
        && (status == null || "ACTIVE".equals(status)));
  }

  public Membership updateMembership(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership current = access.verifyOwnMembership(caller, membershipIdentifier);
    Membership updated = current.updated(
        Inputs.text(input, "queryLogStatus", current.queryLogStatus()),
        Inputs.text(input, "jobLogStatus", current.jobLogStatus()),
        input.has("defaultResultConfiguration") ? Inputs.object(input, "defaultResultConfiguration")
            : current.defaultResultConfiguration(),
        input.has("defaultJobResultConfiguration") ? Inputs.object(input, "defaultJobResultConfiguration")
            : current.defaultJobResultConfiguration(),
        state.now());
    return state.memberships().put(updated);
  }
}
