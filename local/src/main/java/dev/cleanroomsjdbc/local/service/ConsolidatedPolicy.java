package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * The consolidated policy of a schema analysis rule: the configured table's rule with the table owner's
 * collaboration analysis rule (result receivers, additional analyses) merged in, as GetSchemaAnalysisRule shows it.
 */
public final class ConsolidatedPolicy {
  /** Members of the configured table rule bodies that ConsolidatedPolicy{List,Aggregation,Custom} also have. */
  private static final Set<String> TABLE_FIELDS = Set.of("joinColumns", "allowedJoinOperators", "listColumns",
      "additionalAnalyses", "aggregateColumns", "joinRequired", "dimensionColumns", "scalarFunctions",
      "outputConstraints", "allowedAnalyses", "allowedAnalysisProviders", "disallowedOutputColumns",
      "differentialPrivacy");
  private static final Set<String> COLLABORATION_FIELDS = Set.of("allowedResultReceivers",
      "allowedAdditionalAnalyses");

  private ConsolidatedPolicy() {}

  /**
   * @param type AGGREGATION, LIST or CUSTOM
   * @param tablePolicy the configured table rule's {@code AnalysisRulePolicy} JSON
   * @param collaborationPolicy the association rule's policy JSON, {@code null} when the owner set none
   */
  public static JsonNode of(String type, JsonNode tablePolicy, JsonNode collaborationPolicy) {
    String member = type.toLowerCase(Locale.ROOT);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode body = out.putObject("v1").putObject(member);
    copy(tablePolicy.path("v1").path(member), TABLE_FIELDS, body);
    if (collaborationPolicy != null) {
      copy(collaborationPolicy.path("v1").path(member), COLLABORATION_FIELDS, body);
    }
    return out;
  }

  private static void copy(JsonNode from, Set<String> fields, ObjectNode to) {
    from.fields().forEachRemaining(e -> {
      if (fields.contains(e.getKey())) {
        to.set(e.getKey(), e.getValue());
      }
    });
  }
}
