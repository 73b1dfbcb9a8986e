package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.AssociationRuleService;
import dev.cleanroomsjdbc.local.state.AssociationAnalysisRule;
import dev.cleanroomsjdbc.local.state.TableAssociation;

/** Routes and views of configured table association analysis rules (collaboration analysis rules). */
final class AssociationRuleRoutes {
  private static final String RULES =
      "/memberships/{membershipIdentifier}/configuredTableAssociations/{configuredTableAssociationIdentifier}"
          + "/analysisRule";

  private final AssociationRuleService service;

  AssociationRuleRoutes(AssociationRuleService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", RULES, r -> wrap("analysisRule", rule(service.create(r.caller(),
            r.path("membershipIdentifier"), r.path("configuredTableAssociationIdentifier"), r.body()))))
        .add("GET", RULES + "/{analysisRuleType}", r -> wrap("analysisRule", rule(service.get(r.caller(),
            r.path("membershipIdentifier"), r.path("configuredTableAssociationIdentifier"),
            r.path("analysisRuleType")))));
  }

  private ObjectNode rule(AssociationAnalysisRule rule) {
    TableAssociation association = service.associationOf(rule);
    ObjectNode node = Json.object()
        .put("membershipIdentifier", rule.membershipId())
        .put("configuredTableAssociationId", association.id())
        .put("configuredTableAssociationArn", association.arn())
        .put("type", rule.type())
        .put("createTime", Json.time(rule.createTime()))
        .put("updateTime", Json.time(rule.createTime()));
    node.set("policy", rule.policy());
    return node;
  }
}
