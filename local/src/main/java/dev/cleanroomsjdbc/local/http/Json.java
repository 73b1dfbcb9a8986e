package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/** The one Jackson mapper of the server and the restJson1 spelling of values (timestamps as epoch seconds). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** restJson1 timestamps are epoch seconds; the SDK rejects ISO strings. Millisecond precision, plain notation. */
  static BigDecimal time(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  /** Puts {@code value} unless it is null: optional members are left out rather than sent as null. */
  static ObjectNode putOpt(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
    return node;
  }

  static ObjectNode putOpt(ObjectNode node, String field, JsonNode value) {
    if (value != null) {
      node.set(field, value);
    }
    return node;
  }
}
