package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import dev.cleanroomsjdbc.local.service.CleanRoomsError.InvalidField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one validator of the local Clean Rooms: checks an operation's path labels, query parameters and JSON body
 * against the operation's input shape in the {@link ServiceModel} (required members, enums, lengths, patterns,
 * ranges, list and map sizes, unions that set exactly one member, JSON types) before anything is looked up, and
 * answers every violation at once as the service does: 400 {@code ValidationException}, reason
 * {@code FIELD_VALIDATION_FAILED}, one {@code fieldList} entry per violation. Members the model does not know are
 * ignored, as the service's deserializer ignores them. Patterns must match the whole value.
 */
final class InputValidator {
  private static final int SHOWN_VALUE_LENGTH = 80;

  private final ServiceModel model;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  InputValidator(ServiceModel model) {
    this.model = model;
  }

  /** A handler that answers only requests whose input conforms to {@code operation}'s input shape. */
  Router.Handler validating(ServiceModel.Operation operation, Router.Handler delegate) {
    return request -> {
      verify(operation, request);
      return delegate.handle(request);
    };
  }

  /** Fails with the service's ValidationException when the request breaks any constraint of the model. */
  void verify(ServiceModel.Operation operation, ApiRequest request) {
    List<InvalidField> violations = violations(operation, request.path(), request.query(), request.body());
    if (!violations.isEmpty()) {
      throw CleanRoomsError.invalidFields(violations);
    }
  }

  /** Every constraint the input breaks, in the order of the input shape's members; empty when it conforms. */
  List<InvalidField> violations(ServiceModel.Operation operation, Map<String, String> path,
      Map<String, String> query, JsonNode body) {
    List<InvalidField> out = new ArrayList<>();
    if (operation.inputShape() == null) {
      return out;
    }
    JsonNode input = model.shape(operation.inputShape());
    List<String> required = texts(input.path("required"));
    for (Iterator<Map.Entry<String, JsonNode>> it = input.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      JsonNode ref = member.getValue();
      String location = ref.path("location").asText("");
      String wireName = ref.path("locationName").asText(member.getKey());
      String shapeName = ref.get("shape").asText();
      JsonNode value = switch (location) {
        case "uri" -> text(path.get(wireName));
        case "querystring" -> fromQuery(query.get(wireName), shapeName);
        case "header" -> null;
        default -> body.get(member.getKey());
      };
      if (value == null || value.isNull()) {
        if (required.contains(member.getKey()) && !"header".equals(location)) {
          out.add(field(wireName, null, "Member must not be null"));
        }
        continue;
      }
      check(wireName, shapeName, value, ref.path("sensitive").asBoolean(false), out);
    }
    return out;
  }

  private void check(String name, String shapeName, JsonNode value, boolean sensitive, List<InvalidField> out) {
    JsonNode shape = model.shape(shapeName);
    boolean hidden = sensitive || shape.path("sensitive").asBoolean(false);
    switch (shape.get("type").asText()) {
      case "structure" -> structure(name, shape, value, hidden, out);
      case "list" -> list(name, shape, value, hidden, out);
      case "map" -> map(name, shape, value, hidden, out);
      case "string" -> string(name, shape, value, hidden, out);
      case "integer", "long" -> number(name, shape, value, value.isIntegralNumber(), "an integer", hidden, out);
      case "double", "float" -> number(name, shape, value, value.isNumber(), "a number", hidden, out);
      case "boolean" -> expect(value.isBoolean(), name, "Member must be a boolean", out);
      case "timestamp" -> expect(value.isNumber() || value.isTextual(), name, "Member must be a timestamp", out);
      default -> { }
    }
  }

  private void structure(String name, JsonNode shape, JsonNode value, boolean hidden, List<InvalidField> out) {
    if (shape.path("document").asBoolean(false)) {
      return;
    }
    if (!value.isObject()) {
      out.add(field(name, null, "Member must be a structure"));
      return;
    }
    List<String> required = texts(shape.path("required"));
    int set = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      JsonNode child = value.get(member.getKey());
      String childName = name + "." + member.getKey();
      if (child == null || child.isNull()) {
        if (required.contains(member.getKey())) {
          out.add(field(childName, null, "Member must not be null"));
        }
        continue;
      }
      set++;
      check(childName, member.getValue().get("shape").asText(), child,
          hidden || member.getValue().path("sensitive").asBoolean(false), out);
    }
    if (shape.path("union").asBoolean(false) && set != 1) {
      out.add(field(name, null, "Member must have exactly one member set, but " + set + " are set"));
    }
  }

  private void list(String name, JsonNode shape, JsonNode value, boolean hidden, List<InvalidField> out) {
    if (!value.isArray()) {
      out.add(field(name, null, "Member must be a list"));
      return;
    }
    size(name, shape, value.size(), out);
    String member = shape.get("member").get("shape").asText();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (element == null || element.isNull()) {
        out.add(field(name + "[" + i + "]", null, "Member must not be null"));
      } else {
        check(name + "[" + i + "]", member, element, hidden, out);
      }
    }
  }

  private void map(String name, JsonNode shape, JsonNode value, boolean hidden, List<InvalidField> out) {
    if (!value.isObject()) {
      out.add(field(name, null, "Member must be a map"));
      return;
    }
    size(name, shape, value.size(), out);
    String keyShape = shape.get("key").get("shape").asText();
    String valueShape = shape.get("value").get("shape").asText();
    value.fields().forEachRemaining(e -> {
      check(name + ".key", keyShape, TextNode.valueOf(e.getKey()), hidden, out);
      if (e.getValue() == null || e.getValue().isNull()) {
        out.add(field(name + "." + e.getKey(), null, "Member must not be null"));
      } else {
        check(name + "." + e.getKey(), valueShape, e.getValue(), hidden, out);
      }
    });
  }

  private void string(String name, JsonNode shape, JsonNode value, boolean hidden, List<InvalidField> out) {
    if (!value.isTextual()) {
      out.add(field(name, null, "Member must be a string"));
      return;
    }
    String text = value.asText();
    String shown = hidden ? null : text;
    JsonNode allowed = shape.get("enum");
    if (allowed != null && !texts(allowed).contains(text)) {
      out.add(field(name, shown, "Member must satisfy enum value set: " + texts(allowed)));
    }
    int length = text.codePointCount(0, text.length());
    if (shape.has("min") && length < shape.get("min").asLong()) {
      out.add(field(name, shown, "Member must have length greater than or equal to " + shape.get("min").asLong()));
    }
    if (shape.has("max") && length > shape.get("max").asLong()) {
      out.add(field(name, shown, "Member must have length less than or equal to " + shape.get("max").asLong()));
    }
    if (shape.has("pattern")) {
      String regex = shape.get("pattern").asText();
      if (!patterns.computeIfAbsent(regex, Pattern::compile).matcher(text).matches()) {
        out.add(field(name, shown, "Member must satisfy regular expression pattern: " + regex));
      }
    }
  }

  private static void number(String name, JsonNode shape, JsonNode value, boolean typeOk, String type,
      boolean hidden, List<InvalidField> out) {
    if (!typeOk) {
      out.add(field(name, null, "Member must be " + type));
      return;
    }
    String shown = hidden ? null : value.asText();
    if (shape.has("min") && value.decimalValue().compareTo(shape.get("min").decimalValue()) < 0) {
      out.add(field(name, shown, "Member must have value greater than or equal to " + shape.get("min").asText()));
    }
    if (shape.has("max") && value.decimalValue().compareTo(shape.get("max").decimalValue()) > 0) {
      out.add(field(name, shown, "Member must have value less than or equal to " + shape.get("max").asText()));
    }
  }

  private static void size(String name, JsonNode shape, int size, List<InvalidField> out) {
    if (shape.has("min") && size < shape.get("min").asLong()) {
      out.add(field(name, null, "Member must have length greater than or equal to " + shape.get("min").asLong()));
    }
    if (shape.has("max") && size > shape.get("max").asLong()) {
      out.add(field(name, null, "Member must have length less than or equal to " + shape.get("max").asLong()));
    }
  }

  private static void expect(boolean ok, String name, String constraint, List<InvalidField> out) {
    if (!ok) {
      out.add(field(name, null, constraint));
    }
  }

  /** A query parameter as the JSON value of its shape's type; an unparsable integer stays text (and fails). */
  private JsonNode fromQuery(String raw, String shapeName) {
    if (raw == null) {
      return null;
    }
    String type = model.shape(shapeName).get("type").asText();
    try {
      return switch (type) {
        case "integer" -> IntNode.valueOf(Integer.parseInt(raw));
        case "long" -> LongNode.valueOf(Long.parseLong(raw));
        case "boolean" -> "true".equals(raw) || "false".equals(raw)
            ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(raw)) : TextNode.valueOf(raw);
        case "list" -> JsonNodeFactory.instance.arrayNode().add(raw);
        default -> TextNode.valueOf(raw);
      };
    } catch (NumberFormatException e) {
      return TextNode.valueOf(raw);
    }
  }

  private static JsonNode text(String value) {
    return value == null ? null : TextNode.valueOf(value);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static InvalidField field(String name, String value, String constraint) {
    String shown = value == null ? null
        : value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "..." : value;
    return new InvalidField(name, shown, constraint);
  }
}
