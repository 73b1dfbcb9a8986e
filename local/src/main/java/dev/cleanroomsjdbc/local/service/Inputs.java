package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads members of an operation's JSON input, failing with the service's ValidationException. */
public final class Inputs {
  private Inputs() {}

  public static String requireText(JsonNode input, String field) {
    JsonNode value = input == null ? null : input.get(field);
    if (value == null || value.isNull() || !value.isTextual() || value.asText().isEmpty()) {
      throw CleanRoomsError.validation(field, field + " is required");
    }
    return value.asText();
  }

  public static String optText(JsonNode input, String field, String fallback) {
    JsonNode value = input == null ? null : input.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** The member as an object, or {@code null} when absent. */
  public static JsonNode optObject(JsonNode input, String field) {
    JsonNode value = input == null ? null : input.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw CleanRoomsError.validation(field, field + " must be an object");
    }
    return value;
  }

  public static JsonNode requireObject(JsonNode input, String field) {
    JsonNode value = optObject(input, field);
    if (value == null) {
      throw CleanRoomsError.validation(field, field + " is required");
    }
    return value;
  }

  public static List<String> textList(JsonNode input, String field) {
    List<String> out = new ArrayList<>();
    JsonNode value = input == null ? null : input.get(field);
    if (value != null && value.isArray()) {
      value.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  public static List<String> requireTextList(JsonNode input, String field) {
    JsonNode value = input == null ? null : input.get(field);
    if (value == null || !value.isArray()) {
      throw CleanRoomsError.validation(field, field + " is required");
    }
    return textList(input, field);
  }

  /** Fails unless {@code value} is one of {@code allowed}. */
  public static String requireOneOf(String field, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw CleanRoomsError.validation(field, field + " must be one of " + String.join(", ", allowed) + ": " + value);
  }
}
