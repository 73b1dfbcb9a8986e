package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.service.Inputs;
import dev.cleanroomsjdbc.local.service.SchemaService;
import dev.cleanroomsjdbc.local.service.SchemaService.SchemaBatch;
import dev.cleanroomsjdbc.local.service.SchemaService.SchemaView;

/** Routes and views of schemas (the collaboration's view of associated tables); their rules are in SchemaRuleRoutes. */
final class SchemaRoutes {
  private final SchemaService service;

  SchemaRoutes(SchemaService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("GET", "/collaborations/{collaborationIdentifier}/schemas", r -> Paging.page(r,
            service.listSchemas(r.caller(), r.path("collaborationIdentifier"), r.query("schemaType")),
            "schemaSummaries", SchemaRoutes::summary))
        .add("GET", "/collaborations/{collaborationIdentifier}/schemas/{name}", r -> wrap("schema",
            schema(service.getSchema(r.caller(), r.path("collaborationIdentifier"), r.path("name")))))
        .add("POST", "/collaborations/{collaborationIdentifier}/batch-schema", r -> batch(service.batchGetSchema(
            r.caller(), r.path("collaborationIdentifier"), Inputs.textList(r.body(), "names"))));
  }

  private static ObjectNode summary(SchemaView s) {
    ObjectNode node = Json.object()
        .put("name", s.association().name())
        .put("type", "TABLE")
        .put("creatorAccountId", s.table().accountId())
        .put("createTime", Json.time(s.association().createTime()))
        .put("updateTime", Json.time(s.association().createTime()))
        .put("collaborationId", s.collaboration().id())
        .put("collaborationArn", s.collaboration().arn())
        .put("analysisMethod", s.table().analysisMethod())
        .put("resourceArn", s.association().arn());
    node.set("analysisRuleTypes", Json.array(s.analysisRuleTypes()));
    if (!s.table().selectedAnalysisMethods().isEmpty()) {
      node.set("selectedAnalysisMethods", Json.array(s.table().selectedAnalysisMethods()));
    }
    return node;
  }

  private static ObjectNode schema(SchemaView s) {
    ObjectNode node = summary(s);
    node.put("description", s.association().description() == null ? "" : s.association().description());
    ArrayNode columns = node.putArray("columns");
    for (ColumnSpec column : s.columns()) {
      columns.addObject().put("name", column.name()).put("type", column.type());
    }
    node.putArray("partitionKeys");
    ObjectNode status = node.putArray("schemaStatusDetails").addObject()
        .put("status", "READY")
        .put("analysisType", "DIRECT_ANALYSIS");
    if (!s.analysisRuleTypes().isEmpty()) {
      status.put("analysisRuleType", s.analysisRuleTypes().get(0));
    }
    return node;
  }

  private static ObjectNode batch(SchemaBatch batch) {
    ObjectNode out = Json.object();
    ArrayNode schemas = out.putArray("schemas");
    batch.schemas().forEach(s -> schemas.add(schema(s)));
    ArrayNode errors = out.putArray("errors");
    batch.errors().forEach(e -> errors.addObject().put("name", e.name()).put("code", e.code())
        .put("message", e.message()));
    return out;
  }
}
