package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.TableService;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.TableAnalysisRule;
import dev.cleanroomsjdbc.local.state.TableAssociation;

/** Routes and views of configured tables, their analysis rules, and configured table associations. */
final class TableRoutes {
  private final TableService service;

  TableRoutes(TableService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", "/configuredTables", r -> wrap("configuredTable",
            table(service.createConfiguredTable(r.caller(), r.body()))))
        .add("GET", "/configuredTables", r -> Paging.page(r, service.listConfiguredTables(r.caller()),
            "configuredTableSummaries", this::tableSummary))
        .add("GET", "/configuredTables/{configuredTableIdentifier}", r -> wrap("configuredTable",
            table(service.getConfiguredTable(r.caller(), r.path("configuredTableIdentifier")))))
        .add("PATCH", "/configuredTables/{configuredTableIdentifier}", r -> wrap("configuredTable",
            table(service.updateConfiguredTable(r.caller(), r.path("configuredTableIdentifier"), r.body()))))
        .add("POST", "/configuredTables/{configuredTableIdentifier}/analysisRule", r -> wrap("analysisRule",
            rule(service.createAnalysisRule(r.caller(), r.path("configuredTableIdentifier"), r.body()))))
        .add("GET", "/configuredTables/{configuredTableIdentifier}/analysisRule/{analysisRuleType}",
            r -> wrap("analysisRule", rule(service.getAnalysisRule(r.caller(),
                r.path("configuredTableIdentifier"), r.path("analysisRuleType")))))
        .add("POST", "/memberships/{membershipIdentifier}/configuredTableAssociations", r -> wrap(
            "configuredTableAssociation",
            association(service.createAssociation(r.caller(), r.path("membershipIdentifier"), r.body()))))
        .add("GET", "/memberships/{membershipIdentifier}/configuredTableAssociations", r -> Paging.page(r,
            service.listAssociations(r.caller(), r.path("membershipIdentifier")),
            "configuredTableAssociationSummaries", this::associationSummary))
        .add("GET", "/memberships/{membershipIdentifier}/configuredTableAssociations/"
            + "{configuredTableAssociationIdentifier}", r -> wrap("configuredTableAssociation",
                association(service.getAssociation(r.caller(), r.path("membershipIdentifier"),
                    r.path("configuredTableAssociationIdentifier")))));
  }

  private ObjectNode tableSummary(ConfiguredTable t) {
    ObjectNode node = Json.object()
        .put("id", t.id())
        .put("arn", t.arn())
        .put("name", t.name())
        .put("createTime", Json.time(t.createTime()))
        .put("updateTime", Json.time(t.updateTime()))
        .put("analysisMethod", t.analysisMethod());
    node.set("analysisRuleTypes", Json.array(service.ruleTypes(t.id())));
    if (!t.selectedAnalysisMethods().isEmpty()) {
      node.set("selectedAnalysisMethods", Json.array(t.selectedAnalysisMethods()));
    }
    return node;
  }

  private ObjectNode table(ConfiguredTable t) {
    ObjectNode node = tableSummary(t);
    node.set("tableReference", t.tableReference());
    node.set("allowedColumns", Json.array(t.allowedColumns()));
    return Json.putOpt(node, "description", t.description());
  }

  private ObjectNode rule(TableAnalysisRule rule) {
    ConfiguredTable table = service.configuredTable(rule.configuredTableId());
    ObjectNode node = Json.object()
        .put("configuredTableId", table.id())
        .put("configuredTableArn", table.arn())
        .put("type", rule.type())
        .put("createTime", Json.time(rule.createTime()))
        .put("updateTime", Json.time(rule.createTime()));
    node.set("policy", rule.policy());
    return node;
  }

  private ObjectNode associationSummary(TableAssociation a) {
    ObjectNode node = Json.object()
        .put("id", a.id())
        .put("arn", a.arn())
        .put("configuredTableId", a.configuredTableId())
        .put("membershipId", a.membershipId())
        .put("membershipArn", service.membershipOf(a).arn())
        .put("name", a.name())
        .put("createTime", Json.time(a.createTime()))
        .put("updateTime", Json.time(a.createTime()));
    node.set("analysisRuleTypes", Json.array(service.associationRuleTypes(a.id())));
    return node;
  }

  private ObjectNode association(TableAssociation a) {
    ObjectNode node = associationSummary(a)
        .put("configuredTableArn", service.tableOf(a).arn())
        .put("roleArn", a.roleArn());
    return Json.putOpt(node, "description", a.description());
  }
}
