package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.service.SchemaService.SchemaView;
import dev.cleanroomsjdbc.local.state.AssociationAnalysisRule;
import dev.cleanroomsjdbc.local.state.TableAnalysisRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema analysis rules: what a collaboration member sees of the rules on a table, the table owner's configured
 * table rule together with its collaboration analysis rule and the two consolidated.
 */
public final class SchemaRuleService {
  private final SchemaService schemas;
  private final TableService tables;
  private final AssociationRuleService associationRules;

  public SchemaRuleService(SchemaService schemas, TableService tables, AssociationRuleService associationRules) {
    this.schemas = schemas;
    this.tables = tables;
    this.associationRules = associationRules;
  }

  /** One schema's rule of one type; {@code collaborationPolicy} is {@code null} when the owner set none. */
  public record SchemaRule(SchemaView schema, TableAnalysisRule rule, JsonNode collaborationPolicy,
      JsonNode consolidatedPolicy) {}

  /** A (name, type) pair BatchGetSchemaAnalysisRule could not answer. */
  public record SchemaRuleError(String name, String type, String code, String message) {}

  /** Rules found and requests not answered, as BatchGetSchemaAnalysisRule answers them. */
  public record SchemaRuleBatch(List<SchemaRule> rules, List<SchemaRuleError> errors) {}

  public SchemaRule get(Caller caller, String collaborationIdentifier, String name, String type) {
    SchemaView schema = schemas.getSchema(caller, collaborationIdentifier, name);
    TableAnalysisRule rule = tables.rule(schema.table().id(), type);
    JsonNode collaborationPolicy = associationRules.find(schema.association().id(), type)
        .map(AssociationAnalysisRule::policy).orElse(null);
    return new SchemaRule(schema, rule, collaborationPolicy,
        ConsolidatedPolicy.of(type, rule.policy(), collaborationPolicy));
  }

  public SchemaRuleBatch batchGet(Caller caller, String collaborationIdentifier, JsonNode input) {
    JsonNode requests = input.get("schemaAnalysisRuleRequests");
    List<SchemaRule> found = new ArrayList<>();
    List<SchemaRuleError> errors = new ArrayList<>();
    for (JsonNode request : requests) {
      String name = Inputs.text(request, "name");
      String type = Inputs.text(request, "type");
      try {
        found.add(get(caller, collaborationIdentifier, name, type));
      } catch (CleanRoomsError e) {
        if (e.status() != 404) {
          throw e;
        }
        errors.add(new SchemaRuleError(name, type, "ResourceNotFoundException", e.getMessage()));
      }
    }
    return new SchemaRuleBatch(found, errors);
  }
}
