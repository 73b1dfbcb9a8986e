package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads members of an operation's JSON input. The HTTP layer's validator has checked the input against the service
 * model before any operation runs (required members present, types, enums, lengths, patterns, ranges), so these
 * only read: an absent optional member reads as {@code null} or the fallback.
 */
public final class Inputs {
  private Inputs() {}

  /** A string member, or {@code null} when absent. */
  public static String text(JsonNode input, String field) {
    return text(input, field, null);
  }

  public static String text(JsonNode input, String field, String fallback) {
    JsonNode value = input == null ? null : input.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** A structure, union or map member, or {@code null} when absent. */
  public static JsonNode object(JsonNode input, String field) {
    JsonNode value = input == null ? null : input.get(field);
    return value == null || value.isNull() ? null : value;
  }

  /** A list of strings, empty when absent. */
  public static List<String> textList(JsonNode input, String field) {
    List<String> out = new ArrayList<>();
    JsonNode value = input == null ? null : input.get(field);
    if (value != null && value.isArray()) {
      value.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  /** A boolean member, or {@code fallback} when absent. */
  public static boolean bool(JsonNode input, String field, boolean fallback) {
    JsonNode value = input == null ? null : input.get(field);
    return value == null || value.isNull() ? fallback : value.asBoolean(fallback);
  }
}
