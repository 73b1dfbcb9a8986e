package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Clean Rooms service model the local Clean Rooms answers to: botocore's {@code service-2.json} that the AWS SDK
 * for Java 2.40.2 is built from, shipped as the resource {@value #RESOURCE}. Its operations name the routes, and
 * their input shapes are what {@link InputValidator} checks requests against.
 */
public final class ServiceModel {
  static final String RESOURCE = "/dev/cleanroomsjdbc/local/http/cleanrooms-2022-02-17.json";
  private static final ServiceModel INSTANCE = read();

  /** One operation: its name, HTTP method, request URI template (without a query part), shapes and success code. */
  public record Operation(String name, String method, String requestUri, String inputShape, String outputShape,
      List<String> errors, int successCode) {

    /** {@code "METHOD /template"}, the key a route is registered under. */
    public String route() {
      return method + " " + requestUri;
    }
  }

  private final JsonNode shapes;
  private final Map<String, Operation> operations;
  private final Map<String, Operation> byRoute = new LinkedHashMap<>();

  private ServiceModel(JsonNode model) {
    this.shapes = model.get("shapes");
    Map<String, Operation> ops = new LinkedHashMap<>();
    model.get("operations").fields().forEachRemaining(e -> {
      JsonNode op = e.getValue();
      String uri = op.get("http").get("requestUri").asText();
      int query = uri.indexOf('?');
      List<String> errors = new ArrayList<>();
      op.path("errors").forEach(error -> errors.add(error.get("shape").asText()));
      Operation operation = new Operation(e.getKey(), op.get("http").get("method").asText(),
          query < 0 ? uri : uri.substring(0, query), shapeOf(op.get("input")), shapeOf(op.get("output")),
          List.copyOf(errors), op.get("http").path("responseCode").asInt(200));
      ops.put(e.getKey(), operation);
      byRoute.put(operation.route(), operation);
    });
    this.operations = ops;
  }

  /** The model, read once from the classpath. */
  public static ServiceModel load() {
    return INSTANCE;
  }

  private static ServiceModel read() {
    try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Clean Rooms service model " + RESOURCE + " is missing from the class path");
      }
      return new ServiceModel(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Clean Rooms service model " + RESOURCE, e);
    }
  }

  private static String shapeOf(JsonNode ref) {
    return ref == null ? null : ref.get("shape").asText();
  }

  /** The operation registered at {@code "METHOD /template"}, if the model has one there. */
  public Optional<Operation> operationAt(String route) {
    return Optional.ofNullable(byRoute.get(route));
  }

  public Operation operation(String name) {
    Operation op = operations.get(name);
    if (op == null) {
      throw new IllegalArgumentException("no operation named " + name);
    }
    return op;
  }

  /** The name of the output shape of {@code operation}. */
  public String outputShape(String operation) {
    String shape = operation(operation).outputShape();
    if (shape == null) {
      throw new IllegalArgumentException("operation " + operation + " has no output");
    }
    return shape;
  }

  /** Whether {@code errorShape} is one of the errors the model declares for {@code operation}. */
  public boolean declaresError(String operation, String errorShape) {
    return operation(operation).errors().contains(errorShape);
  }

  public boolean hasShape(String name) {
    return shapes.has(name);
  }

  public JsonNode shape(String name) {
    JsonNode shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("no shape named " + name);
    }
    return shape;
  }
}
