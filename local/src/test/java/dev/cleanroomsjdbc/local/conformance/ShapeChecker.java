package dev.cleanroomsjdbc.local.conformance;

import dev.cleanroomsjdbc.local.http.ServiceModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a JSON body against a shape of the service model and lists every way it departs from it: missing required
 * members, members the shape does not have, enum values outside the enum, unions without exactly one member, and
 * values of the wrong JSON type (timestamps must be epoch-second numbers, as rest-json sends them).
 */
final class ShapeChecker {
  /**
   * Enum values the local Clean Rooms sends beyond the model, each on purpose: {@code ResourceType} has no value for
   * analysis templates, protected jobs or protected queries, and a missing one is not a missing membership.
   */
  static final Map<String, Set<String>> BEYOND_THE_MODEL =
      Map.of("ResourceType", Set.of("ANALYSIS_TEMPLATE", "PROTECTED_JOB", "PROTECTED_QUERY"));

  private final ServiceModel model;

  ShapeChecker(ServiceModel model) {
    this.model = model;
  }

  /** The violations of {@code body} against the output shape of {@code operation}; empty when it conforms. */
  List<String> checkOutput(String operation, JsonNode body) {
    return check(model.outputShape(operation), body);
  }

  /** The violations of {@code body} against {@code shapeName}; empty when it conforms. */
  List<String> check(String shapeName, JsonNode body) {
    List<String> violations = new ArrayList<>();
    check("$", shapeName, body, violations);
    return violations;
  }

  private void check(String path, String shapeName, JsonNode value, List<String> out) {
    JsonNode shape = model.shape(shapeName);
    if (value == null || value.isNull()) {
      out.add(path + ": null where " + shapeName + " is expected (omit the member instead)");
      return;
    }
    String type = shape.get("type").asText();
    switch (type) {
      case "structure" -> structure(path, shapeName, shape, value, out);
      case "list" -> list(path, shapeName, shape, value, out);
      case "map" -> map(path, shapeName, shape, value, out);
      case "string" -> string(path, shapeName, shape, value, out);
      case "timestamp" -> expect(value.isNumber(), path, shapeName + " (epoch seconds number)", value, out);
      case "boolean" -> expect(value.isBoolean(), path, shapeName + " (boolean)", value, out);
      case "integer", "long" -> expect(value.isIntegralNumber(), path, shapeName + " (" + type + ")", value, out);
      case "float", "double" -> expect(value.isNumber(), path, shapeName + " (" + type + ")", value, out);
      default -> out.add(path + ": shape " + shapeName + " has type " + type + " the checker does not know");
    }
  }

  private void structure(String path, String shapeName, JsonNode shape, JsonNode value, List<String> out) {
    if (shape.path("document").asBoolean(false)) {
      return;
    }
    if (!value.isObject()) {
      out.add(path + ": expected object " + shapeName + " but got " + value.getNodeType());
      return;
    }
    JsonNode members = shape.get("members");
    Set<String> bodyMembers = new HashSet<>();
    members.fields().forEachRemaining(m -> {
      if (!m.getValue().has("location")) {
        bodyMembers.add(m.getKey());
      }
    });
    for (JsonNode required : shape.path("required")) {
      if (bodyMembers.contains(required.asText()) && !value.has(required.asText())) {
        out.add(path + ": " + shapeName + " is missing required member " + required.asText());
      }
    }
    int present = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!bodyMembers.contains(field.getKey())) {
        out.add(path + ": " + shapeName + " has no member " + field.getKey());
        continue;
      }
      present++;
      check(path + "." + field.getKey(), members.get(field.getKey()).get("shape").asText(), field.getValue(), out);
    }
    if (shape.path("union").asBoolean(false) && present != 1) {
      out.add(path + ": union " + shapeName + " must set exactly one member but sets " + present);
    }
  }

  private void list(String path, String shapeName, JsonNode shape, JsonNode value, List<String> out) {
    if (!value.isArray()) {
      out.add(path + ": expected list " + shapeName + " but got " + value.getNodeType());
      return;
    }
    String member = shape.get("member").get("shape").asText();
    for (int i = 0; i < value.size(); i++) {
      check(path + "[" + i + "]", member, value.get(i), out);
    }
  }

  private void map(String path, String shapeName, JsonNode shape, JsonNode value, List<String> out) {
    if (!value.isObject()) {
      out.add(path + ": expected map " + shapeName + " but got " + value.getNodeType());
      return;
    }
    String keyShape = shape.get("key").get("shape").asText();
    String valueShape = shape.get("value").get("shape").asText();
    value.fields().forEachRemaining(e -> {
      string(path + "{key " + e.getKey() + "}", keyShape, model.shape(keyShape),
          TextNode.valueOf(e.getKey()), out);
      check(path + "." + e.getKey(), valueShape, e.getValue(), out);
    });
  }

  private static void string(String path, String shapeName, JsonNode shape, JsonNode value, List<String> out) {
    if (!value.isTextual()) {
      out.add(path + ": expected string " + shapeName + " but got " + value.getNodeType());
      return;
    }
    JsonNode allowed = shape.get("enum");
    if (allowed == null) {
      return;
    }
    for (JsonNode option : allowed) {
      if (option.asText().equals(value.asText())) {
        return;
      }
    }
    if (BEYOND_THE_MODEL.getOrDefault(shapeName, Set.of()).contains(value.asText())) {
      return;
    }
    out.add(path + ": " + value.asText() + " is not a value of enum " + shapeName + " " + allowed);
  }

  private static void expect(boolean ok, String path, String what, JsonNode value, List<String> out) {
    if (!ok) {
      out.add(path + ": expected " + what + " but got " + value.getNodeType() + " " + value);
    }
  }
}
