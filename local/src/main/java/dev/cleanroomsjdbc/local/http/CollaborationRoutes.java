package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.CollaborationService;
import dev.cleanroomsjdbc.local.service.CollaborationService.MemberView;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.Membership;
import java.util.Optional;

/** Routes and views of collaborations, members and memberships. */
final class CollaborationRoutes {
  private final CollaborationService service;

  CollaborationRoutes(CollaborationService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", "/collaborations", r -> wrap("collaboration",
            collaboration(service.createCollaboration(r.caller(), r.body()), r.caller().accountId())))
        .add("GET", "/collaborations", r -> Paging.page(r,
            service.listCollaborations(r.caller(), r.query("memberStatus")), "collaborationList",
            c -> collaborationSummary(c, r.caller().accountId())))
        .add("GET", "/collaborations/{collaborationIdentifier}/members", r -> Paging.page(r,
            service.listMembers(r.caller(), r.path("collaborationIdentifier")), "memberSummaries",
            this::member))
        .add("GET", "/collaborations/{collaborationIdentifier}", r -> wrap("collaboration",
            collaboration(service.getCollaboration(r.caller(), r.path("collaborationIdentifier")),
                r.caller().accountId())))
        .add("PATCH", "/collaborations/{collaborationIdentifier}", r -> wrap("collaboration",
            collaboration(service.updateCollaboration(r.caller(), r.path("collaborationIdentifier"), r.body()),
                r.caller().accountId())))
        .add("POST", "/memberships", r -> wrap("membership",
            membership(service.createMembership(r.caller(), r.body()))))
        .add("GET", "/memberships", r -> Paging.page(r,
            service.listMemberships(r.caller(), r.query("status")), "membershipSummaries", this::membershipSummary))
        .add("GET", "/memberships/{membershipIdentifier}", r -> wrap("membership",
            membership(service.getMembership(r.caller(), r.path("membershipIdentifier")))))
        .add("PATCH", "/memberships/{membershipIdentifier}", r -> wrap("membership",
            membership(service.updateMembership(r.caller(), r.path("membershipIdentifier"), r.body()))));
  }

  static ObjectNode wrap(String field, JsonNode value) {
    ObjectNode out = Json.object();
    out.set(field, value);
    return out;
  }

  private ObjectNode collaborationSummary(Collaboration c, String callerAccount) {
    ObjectNode node = Json.object()
        .put("id", c.id())
        .put("arn", c.arn())
        .put("name", c.name())
        .put("creatorAccountId", c.creatorAccountId())
        .put("creatorDisplayName", c.creatorDisplayName())
        .put("createTime", Json.time(c.createTime()))
        .put("updateTime", Json.time(c.updateTime()))
        .put("memberStatus", service.memberStatusOf(c, callerAccount))
        .put("analyticsEngine", c.analyticsEngine());
    service.membership(c.id(), callerAccount).ifPresent(m -> node.put("membershipId", m.id())
        .put("membershipArn", m.arn()));
    return node;
  }

  private ObjectNode collaboration(Collaboration c, String callerAccount) {
    ObjectNode node = collaborationSummary(c, callerAccount)
        .put("queryLogStatus", c.queryLogStatus())
        .put("jobLogStatus", c.jobLogStatus());
    Json.putOpt(node, "dataEncryptionMetadata", c.dataEncryptionMetadata());
    Json.putOpt(node, "autoApprovedChangeTypes", c.autoApprovedChangeTypes());
    Json.putOpt(node, "allowedResultRegions", c.allowedResultRegions());
    return Json.putOpt(node, "description", c.description());
  }

  private ObjectNode member(MemberView view) {
    Optional<Membership> membership = view.membership();
    ObjectNode node = Json.object()
        .put("accountId", view.member().accountId())
        .put("status", membership.isPresent() ? "ACTIVE" : "INVITED")
        .put("displayName", view.member().displayName())
        .put("createTime", Json.time(view.collaboration().createTime()))
        .put("updateTime", Json.time(membership.map(Membership::updateTime)
            .orElse(view.collaboration().createTime())));
    node.set("abilities", Json.array(view.member().abilities()));
    Json.putOpt(node, "mlAbilities", view.member().mlAbilities());
    membership.ifPresent(m -> node.put("membershipId", m.id()).put("membershipArn", m.arn()));
    node.set("paymentConfiguration", service.paymentOf(view.member()));
    return node;
  }

  private ObjectNode membershipSummary(Membership m) {
    Collaboration c = service.collaborationOf(m);
    ObjectNode node = Json.object()
        .put("id", m.id())
        .put("arn", m.arn())
        .put("collaborationArn", c.arn())
        .put("collaborationId", c.id())
        .put("collaborationCreatorAccountId", c.creatorAccountId())
        .put("collaborationCreatorDisplayName", c.creatorDisplayName())
        .put("collaborationName", c.name())
        .put("createTime", Json.time(m.createTime()))
        .put("updateTime", Json.time(m.updateTime()))
        .put("status", "ACTIVE");
    node.set("memberAbilities", Json.array(m.memberAbilities()));
    Json.putOpt(node, "mlMemberAbilities", m.mlMemberAbilities());
    node.set("paymentConfiguration", m.paymentConfiguration() != null ? m.paymentConfiguration()
        : service.paymentOf(c.member(m.accountId()).orElseThrow()));
    return node;
  }

  private ObjectNode membership(Membership m) {
    ObjectNode node = membershipSummary(m)
        .put("queryLogStatus", m.queryLogStatus())
        .put("jobLogStatus", m.jobLogStatus());
    Json.putOpt(node, "defaultResultConfiguration", m.defaultResultConfiguration());
    return Json.putOpt(node, "defaultJobResultConfiguration", m.defaultJobResultConfiguration());
  }
}
