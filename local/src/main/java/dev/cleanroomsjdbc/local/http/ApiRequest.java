package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.service.Caller;
import java.util.Map;

/**
 * One decoded request: path labels, query parameters, JSON body (an empty object when none, or when the body is
 * not JSON, as a form-encoded protocol sends it), the caller, and the request as it arrived.
 */
record ApiRequest(Map<String, String> path, Map<String, String> query, JsonNode body, Caller caller,
    SignedRequest raw) {

  String path(String label) {
    return path.get(label);
  }

  String query(String name) {
    return query.get(name);
  }
}
