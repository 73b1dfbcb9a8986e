package dev.cleanroomsjdbc.local.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The Clean Rooms service model (botocore's service-2.json that SDK 2.40.2 is built from), read from the classpath. */
final class ServiceModel {
  private static final String RESOURCE = "/cleanrooms-model/service-2.json";

  private final JsonNode operations;
  private final JsonNode shapes;

  private ServiceModel(JsonNode model) {
    this.operations = model.get("operations");
    this.shapes = model.get("shapes");
  }

  static ServiceModel load() {
    try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return new ServiceModel(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name of the output shape of {@code operation}. */
  String outputShape(String operation) {
    JsonNode op = operations.get(operation);
    if (op == null || op.get("output") == null) {
      throw new IllegalArgumentException("no operation with an output named " + operation);
    }
    return op.get("output").get("shape").asText();
  }

  /** Whether {@code errorShape} is one of the errors the model declares for {@code operation}. */
  boolean declaresError(String operation, String errorShape) {
    JsonNode errors = operations.get(operation).get("errors");
    if (errors == null) {
      return false;
    }
    for (JsonNode error : errors) {
      if (error.get("shape").asText().equals(errorShape)) {
        return true;
      }
    }
    return false;
  }

  boolean hasShape(String name) {
    return shapes.has(name);
  }

  JsonNode shape(String name) {
    JsonNode shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("no shape named " + name);
    }
    return shape;
  }
}
