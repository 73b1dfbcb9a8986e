package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps HTTP method + path template (with {@code {label}} segments) to a handler, as the service model does. */
final class Router {

  /** Answers one operation with its JSON output. */
  @FunctionalInterface
  interface Handler {
    JsonNode handle(ApiRequest request);
  }

  /** A matched route ({@code "METHOD /template"}, as it was added) and the path labels it bound. */
  record Match(Handler handler, Map<String, String> labels, String route) {}

  private record Route(String method, String[] segments, Handler handler, String template) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String template, Handler handler) {
    routes.add(new Route(method, split(template), handler, template));
    return this;
  }

  /** Matches already-decoded path segments; literal segments win over labels by declaration order. */
  Optional<Match> match(String method, List<String> segments) {
    for (Route route : routes) {
      if (!route.method().equals(method) || route.segments().length != segments.size()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      boolean matched = true;
      for (int i = 0; i < segments.size() && matched; i++) {
        String expected = route.segments()[i];
        if (expected.startsWith("{")) {
          labels.put(expected.substring(1, expected.length() - 1), segments.get(i));
        } else {
          matched = expected.equals(segments.get(i));
        }
      }
      if (matched) {
        return Optional.of(new Match(route.handler(), labels, route.method() + " " + route.template()));
      }
    }
    return Optional.empty();
  }

  /** Every route as {@code "METHOD /template"}, in the order they were added. */
  List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.template()).toList();
  }

  private static String[] split(String template) {
    return template.replaceAll("^/+", "").split("/");
  }
}
