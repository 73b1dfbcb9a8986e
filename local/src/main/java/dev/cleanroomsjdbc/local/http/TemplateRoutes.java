package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.Inputs;
import dev.cleanroomsjdbc.local.service.TemplateService;
import dev.cleanroomsjdbc.local.service.TemplateService.TemplateBatch;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.storage.S3Location;

/** Routes and views of analysis templates, from their membership and from the collaboration. */
final class TemplateRoutes {
  private final TemplateService service;

  TemplateRoutes(TemplateService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", "/memberships/{membershipIdentifier}/analysistemplates", r -> wrap("analysisTemplate",
            template(service.create(r.caller(), r.path("membershipIdentifier"), r.body()))))
        .add("GET", "/memberships/{membershipIdentifier}/analysistemplates", r -> Paging.page(r,
            service.list(r.caller(), r.path("membershipIdentifier")), "analysisTemplateSummaries", this::summary))
        .add("GET", "/memberships/{membershipIdentifier}/analysistemplates/{analysisTemplateIdentifier}",
            r -> wrap("analysisTemplate", template(service.get(r.caller(), r.path("membershipIdentifier"),
                r.path("analysisTemplateIdentifier")))))
        .add("PATCH", "/memberships/{membershipIdentifier}/analysistemplates/{analysisTemplateIdentifier}",
            r -> wrap("analysisTemplate", template(service.update(r.caller(), r.path("membershipIdentifier"),
                r.path("analysisTemplateIdentifier"), r.body()))))
        .add("GET", "/collaborations/{collaborationIdentifier}/analysistemplates", r -> Paging.page(r,
            service.listInCollaboration(r.caller(), r.path("collaborationIdentifier")),
            "collaborationAnalysisTemplateSummaries", this::collaborationSummary))
        .add("GET", "/collaborations/{collaborationIdentifier}/analysistemplates/{analysisTemplateArn}",
            r -> wrap("collaborationAnalysisTemplate", collaborationTemplate(service.getInCollaboration(
                r.caller(), r.path("collaborationIdentifier"), r.path("analysisTemplateArn")))))
        .add("POST", "/collaborations/{collaborationIdentifier}/batch-analysistemplates", r -> batch(
            service.batchGetInCollaboration(r.caller(), r.path("collaborationIdentifier"),
                Inputs.textList(r.body(), "analysisTemplateArns"))));
  }

  private ObjectNode common(AnalysisTemplate t) {
    Collaboration c = service.collaborationOf(t);
    ObjectNode node = Json.object()
        .put("id", t.id())
        .put("arn", t.arn())
        .put("name", t.name())
        .put("collaborationId", c.id())
        .put("collaborationArn", c.arn())
        .put("createTime", Json.time(t.createTime()))
        .put("updateTime", Json.time(t.updateTime()));
    return Json.putOpt(node, "description", t.description());
  }

  private ObjectNode summary(AnalysisTemplate t) {
    Membership m = service.membershipOf(t);
    return common(t).put("membershipId", m.id()).put("membershipArn", m.arn());
  }

  private ObjectNode collaborationSummary(AnalysisTemplate t) {
    return common(t).put("creatorAccountId", t.creatorAccountId());
  }

  private ObjectNode template(AnalysisTemplate t) {
    return details(summary(t), t);
  }

  private ObjectNode collaborationTemplate(AnalysisTemplate t) {
    return details(collaborationSummary(t), t);
  }

  private static ObjectNode details(ObjectNode node, AnalysisTemplate t) {
    node.put("format", t.format());
    Json.putOpt(node, "errorMessageConfiguration", t.errorMessageConfiguration());
    node.putObject("schema").set("referencedTables", Json.array(t.referencedTables()));
    ArrayNode parameters = node.putArray("analysisParameters");
    t.analysisParameters().forEach(p -> Json.putOpt(parameters.addObject().put("name", p.name())
        .put("type", p.type()), "defaultValue", p.defaultValue()));
    ObjectNode source = node.putObject("source");
    if (t.isJob()) {
      ObjectNode artifacts = source.putObject("artifacts");
      location(artifacts.putObject("entryPoint"), t.entryPoint());
      if (!t.additionalArtifacts().isEmpty()) {
        ArrayNode additional = artifacts.putArray("additionalArtifacts");
        t.additionalArtifacts().forEach(a -> location(additional.addObject(), a));
      }
      artifacts.put("roleArn", t.roleArn());
      ObjectNode metadata = node.putObject("sourceMetadata").putObject("artifacts");
      metadata.putObject("entryPointHash").put("sha256", t.entryPointSha256());
      if (!t.additionalArtifactSha256s().isEmpty()) {
        ArrayNode hashes = metadata.putArray("additionalArtifactHashes");
        t.additionalArtifactSha256s().forEach(h -> hashes.addObject().put("sha256", h));
      }
    } else {
      source.put("text", t.text());
    }
    return node;
  }

  private static void location(ObjectNode artifact, S3Location location) {
    artifact.putObject("location").put("bucket", location.bucket()).put("key", location.key());
  }

  private ObjectNode batch(TemplateBatch batch) {
    ObjectNode out = Json.object();
    ArrayNode templates = out.putArray("collaborationAnalysisTemplates");
    batch.templates().forEach(t -> templates.add(collaborationTemplate(t)));
    ArrayNode errors = out.putArray("errors");
    batch.errors().forEach(e -> errors.addObject().put("arn", e.arn()).put("code", e.code())
        .put("message", e.message()));
    return out;
  }
}
