package dev.cleanroomsjdbc.local.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cleanroomsjdbc.local.conformance.RawRequests.Raw;
import dev.cleanroomsjdbc.local.http.ServiceModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Invalid requests made from a valid one by reading the service model: for every member the valid request sets
 * (and every member its structures require), one request per constraint of that member's shape, each breaking
 * exactly that constraint (a required member removed, a value outside the enum, one character short of the
 * minimum length or past the maximum, a value the pattern does not match, a number outside the range, a list or
 * map one element short or too many, a union with no member set). Each names the field the service must report.
 */
final class ConstraintCases {
  private static final ServiceModel MODEL = ServiceModel.load();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int LARGEST_GENERATED = 1_000;

  /** One invalid request, the constraint it breaks, and the field the ValidationException must name. */
  record Case(String name, Raw request, String field) {

    @Override
    public String toString() {
      return name;
    }
  }

  private final Raw valid;
  private final List<Case> out = new ArrayList<>();

  private ConstraintCases(Raw valid) {
    this.valid = valid;
  }

  /** Every invalid request {@code valid} gives, in the model's member order. */
  static List<Case> of(Raw valid) {
    ConstraintCases cases = new ConstraintCases(valid);
    cases.input();
    return cases.out;
  }

  private void input() {
    JsonNode input = MODEL.shape(MODEL.operation(valid.operation()).inputShape());
    List<String> required = texts(input.path("required"));
    for (Iterator<Map.Entry<String, JsonNode>> it = input.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String wire = member.getValue().path("locationName").asText(member.getKey());
      String shape = member.getValue().get("shape").asText();
      switch (member.getValue().path("location").asText("")) {
        case "uri" -> scalar(wire, shape, TextNode.valueOf(valid.path().get(wire)), true,
            v -> valid.copy().path(wire, v.asText()));
        case "querystring" -> {
          String value = valid.query().get(wire);
          if (value != null) {
            scalar(wire, shape, queryValue(value, shape), false, v -> valid.copy().query(wire, v.asText()));
          }
        }
        default -> {
          JsonNode value = valid.body().get(member.getKey());
          if (value != null) {
            List<Object> at = List.of(member.getKey());
            if (required.contains(member.getKey())) {
              add(wire, "removed (required)", removed(at));
            }
            walk(wire, shape, value, at);
          }
        }
      }
    }
  }

  private void walk(String field, String shapeName, JsonNode value, List<Object> at) {
    JsonNode shape = MODEL.shape(shapeName);
    switch (shape.get("type").asText()) {
      case "structure" -> structure(field, shape, value, at);
      case "list" -> list(field, shape, value, at);
      case "map" -> map(field, shape, value, at);
      default -> scalar(field, shapeName, value, false, v -> replaced(at, v));
    }
  }

  private void structure(String field, JsonNode shape, JsonNode value, List<Object> at) {
    if (shape.path("document").asBoolean(false)) {
      return;
    }
    if (shape.path("union").asBoolean(false)) {
      add(field, "a union with no member set", replaced(at, NODES.objectNode()));
    }
    List<String> required = texts(shape.path("required"));
    for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      JsonNode child = value.get(member.getKey());
      if (child == null) {
        continue;
      }
      List<Object> childAt = append(at, member.getKey());
      if (required.contains(member.getKey())) {
        add(field + "." + member.getKey(), "removed (required)", removed(childAt));
      }
      walk(field + "." + member.getKey(), member.getValue().get("shape").asText(), child, childAt);
    }
  }

  private void list(String field, JsonNode shape, JsonNode value, List<Object> at) {
    if (shape.path("min").asInt(0) > 0) {
      add(field, "with fewer elements than its minimum " + shape.get("min").asInt(), replaced(at, NODES.arrayNode()));
    }
    if (shape.has("max") && !value.isEmpty() && shape.get("max").asInt() < LARGEST_GENERATED) {
      ArrayNode longer = NODES.arrayNode();
      for (int i = 0; i <= shape.get("max").asInt(); i++) {
        longer.add(value.get(0).deepCopy());
      }
      add(field, "with more elements than its maximum " + shape.get("max").asInt(), replaced(at, longer));
    }
    if (!value.isEmpty()) {
      walk(field + "[0]", shape.get("member").get("shape").asText(), value.get(0), append(at, 0));
    }
  }

  private void map(String field, JsonNode shape, JsonNode value, List<Object> at) {
    if (shape.path("min").asInt(0) > 0) {
      add(field, "with fewer entries than its minimum " + shape.get("min").asInt(), replaced(at, NODES.objectNode()));
    }
    if (value.isEmpty()) {
      return;
    }
    Map.Entry<String, JsonNode> first = value.fields().next();
    if (shape.has("max") && shape.get("max").asInt() < LARGEST_GENERATED) {
      ObjectNode longer = NODES.objectNode();
      for (int i = 0; i <= shape.get("max").asInt(); i++) {
        longer.set(first.getKey() + i, first.getValue().deepCopy());
      }
      add(field, "with more entries than its maximum " + shape.get("max").asInt(), replaced(at, longer));
    }
    scalar(field + ".key", shape.get("key").get("shape").asText(), TextNode.valueOf(first.getKey()), false, key -> {
      ObjectNode renamed = ((ObjectNode) value).deepCopy();
      renamed.set(key.asText(), renamed.remove(first.getKey()));
      return replaced(at, renamed);
    });
    walk(field + "." + first.getKey(), shape.get("value").get("shape").asText(), first.getValue(),
        append(at, first.getKey()));
  }

  /** Cases of a string or number member; {@code label}: a path label, which cannot be sent empty. */
  private void scalar(String field, String shapeName, JsonNode value, boolean label, Function<JsonNode, Raw> set) {
    JsonNode shape = MODEL.shape(shapeName);
    String type = shape.get("type").asText();
    if (type.equals("string")) {
      string(field, shape, value.asText(), label, set);
    } else if (List.of("integer", "long", "double", "float").contains(type)) {
      if (shape.has("min")) {
        add(field, "below its minimum " + shape.get("min").asText(), set.apply(number(shape.get("min"), -1, type)));
      }
      if (shape.has("max")) {
        add(field, "above its maximum " + shape.get("max").asText(), set.apply(number(shape.get("max"), 1, type)));
      }
    }
  }

  private void string(String field, JsonNode shape, String text, boolean label, Function<JsonNode, Raw> set) {
    if (shape.has("enum")) {
      add(field, "outside its enum", set.apply(TextNode.valueOf("NOT_IN_THE_ENUM")));
    }
    int min = shape.path("min").asInt(0);
    if (min > 0 && !(label && min == 1)) {
      add(field, "shorter than its minimum length " + min, set.apply(TextNode.valueOf(
          text.substring(0, text.offsetByCodePoints(0, Math.min(min - 1, text.codePointCount(0, text.length())))))));
    }
    if (shape.has("max") && shape.get("max").asInt() < 600_000) {
      int max = shape.get("max").asInt();
      String pad = text.isEmpty() ? "a" : text.substring(text.length() - 1);
      add(field, "longer than its maximum length " + max,
          set.apply(TextNode.valueOf(text + pad.repeat(max + 1 - text.codePointCount(0, text.length())))));
    }
    if (shape.has("pattern")) {
      Pattern pattern = Pattern.compile(shape.get("pattern").asText());
      int max = shape.path("max").asInt(Integer.MAX_VALUE);
      String width = "#".repeat(Math.max(min, 1));
      for (String candidate : List.of(text + "#", "#" + text, width, " ".repeat(Math.max(min, 1)),
          text + "\u0001", "\u0001".repeat(Math.max(min, 1)))) {
        int length = candidate.codePointCount(0, candidate.length());
        if (length >= min && length <= max && !pattern.matcher(candidate).matches()) {
          add(field, "not matching its pattern", set.apply(TextNode.valueOf(candidate)));
          break;
        }
      }
    }
  }

  private static JsonNode number(JsonNode bound, int direction, String type) {
    if (type.equals("double") || type.equals("float")) {
      return DecimalNode.valueOf(bound.decimalValue().add(new BigDecimal(direction).movePointLeft(4)));
    }
    return NODES.numberNode(bound.asLong() + direction);
  }

  private static JsonNode queryValue(String value, String shapeName) {
    String type = MODEL.shape(shapeName).get("type").asText();
    return type.equals("integer") || type.equals("long") ? NODES.numberNode(Long.parseLong(value))
        : TextNode.valueOf(value);
  }

  private void add(String field, String what, Raw request) {
    out.add(new Case(valid.operation() + ": " + field + " " + what, request, field));
  }

  private Raw replaced(List<Object> at, JsonNode value) {
    Raw copy = valid.copy();
    JsonNode parent = navigate(copy.body(), at.subList(0, at.size() - 1));
    Object last = at.get(at.size() - 1);
    if (last instanceof Integer index) {
      ((ArrayNode) parent).set(index, value);
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
    return copy;
  }

  private Raw removed(List<Object> at) {
    Raw copy = valid.copy();
    ((ObjectNode) navigate(copy.body(), at.subList(0, at.size() - 1))).remove((String) at.get(at.size() - 1));
    return copy;
  }

  private static JsonNode navigate(JsonNode node, List<Object> at) {
    JsonNode current = node;
    for (Object step : at) {
      current = step instanceof Integer index ? current.get(index) : current.get((String) step);
    }
    return current;
  }

  private static List<Object> append(List<Object> at, Object step) {
    List<Object> out = new ArrayList<>(at);
    out.add(step);
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
