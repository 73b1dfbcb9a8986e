package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.SchemaRuleService;
import dev.cleanroomsjdbc.local.service.SchemaRuleService.SchemaRule;
import dev.cleanroomsjdbc.local.service.SchemaRuleService.SchemaRuleBatch;

/** Routes and views of schema analysis rules, one at a time and in batches. */
final class SchemaRuleRoutes {
  private final SchemaRuleService service;

  SchemaRuleRoutes(SchemaRuleService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("GET", "/collaborations/{collaborationIdentifier}/schemas/{name}/analysisRule/{type}",
            r -> wrap("analysisRule", rule(service.get(r.caller(), r.path("collaborationIdentifier"),
                r.path("name"), r.path("type")))))
        .add("POST", "/collaborations/{collaborationIdentifier}/batch-schema-analysis-rule",
            r -> batch(service.batchGet(r.caller(), r.path("collaborationIdentifier"), r.body())));
  }

  private static ObjectNode rule(SchemaRule r) {
    ObjectNode node = Json.object()
        .put("collaborationId", r.schema().collaboration().id())
        .put("type", r.rule().type())
        .put("name", r.schema().association().name())
        .put("createTime", Json.time(r.rule().createTime()))
        .put("updateTime", Json.time(r.rule().createTime()));
    node.set("policy", r.rule().policy());
    Json.putOpt(node, "collaborationPolicy", r.collaborationPolicy());
    node.set("consolidatedPolicy", r.consolidatedPolicy());
    return node;
  }

  private static ObjectNode batch(SchemaRuleBatch batch) {
    ObjectNode out = Json.object();
    ArrayNode rules = out.putArray("analysisRules");
    batch.rules().forEach(r -> rules.add(rule(r)));
    ArrayNode errors = out.putArray("errors");
    batch.errors().forEach(e -> errors.addObject().put("name", e.name()).put("type", e.type())
        .put("code", e.code()).put("message", e.message()));
    return out;
  }
}
