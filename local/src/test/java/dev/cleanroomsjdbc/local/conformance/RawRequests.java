package dev.cleanroomsjdbc.local.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.http.ServiceModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Sends any input, valid or not, through the real SDK client: the operation's own request object goes through the
 * client's whole pipeline, and just before signing this interceptor swaps in the path labels, query parameters and
 * JSON body to send. The SDK signs, sends and unmarshals as for any call, so values the SDK's builders would never
 * produce (an enum outside the enum, a string longer than the model allows) reach the server as a client sends
 * them, and the answer comes back as the SDK's typed exception.
 */
final class RawRequests implements ExecutionInterceptor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ServiceModel MODEL = ServiceModel.load();
  private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.cleanrooms.model.";

  /** One operation's input as it goes on the wire: path labels, query parameters and the JSON body. */
  record Raw(String operation, Map<String, String> path, Map<String, String> query, ObjectNode body) {

    Raw {
      path = new LinkedHashMap<>(path);
      query = new LinkedHashMap<>(query);
      body = body == null ? JSON.createObjectNode() : body;
    }

    static Raw of(String operation) {
      return new Raw(operation, Map.of(), Map.of(), JSON.createObjectNode());
    }

    Raw path(String label, String value) {
      path.put(label, value);
      return this;
    }

    Raw query(String name, String value) {
      query.put(name, value);
      return this;
    }

    /** The body, to fill in place. */
    ObjectNode json() {
      return body;
    }

    Raw copy() {
      return new Raw(operation, path, query, body.deepCopy());
    }

    @Override
    public String toString() {
      return operation + " " + path + " " + query + " " + body;
    }
  }

  private final ThreadLocal<Raw> sending = new ThreadLocal<>();

  /** Sends {@code raw} with {@code client} (built with this interceptor); returns the SDK's error, if any. */
  Optional<AwsServiceException> send(CleanRoomsClient client, Raw raw) {
    sending.set(raw);
    try {
      Class<?> requestType = Class.forName(MODEL_PACKAGE + raw.operation() + "Request");
      Object builder = requestType.getMethod("builder").invoke(null);
      // The SDK refuses empty path labels before sending; the interceptor puts the real ones in the path.
      for (String label : labels(raw.operation())) {
        Class<?> builderType = Class.forName(MODEL_PACKAGE + raw.operation() + "Request$Builder");
        builderType.getMethod(label, String.class).invoke(builder, "placeholder");
      }
      SdkRequest request = (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
      String methodName = Character.toLowerCase(raw.operation().charAt(0)) + raw.operation().substring(1);
      Method call = CleanRoomsClient.class.getMethod(methodName, requestType);
      call.invoke(client, request);
      return Optional.empty();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof AwsServiceException service) {
        return Optional.of(service);
      }
      throw new IllegalStateException("sending " + raw + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no SDK call for " + raw.operation(), e);
    } finally {
      sending.remove();
    }
  }

  private static List<String> labels(String operation) {
    List<String> labels = new ArrayList<>();
    MODEL.shape(MODEL.operation(operation).inputShape()).path("members").fields().forEachRemaining(member -> {
      if ("uri".equals(member.getValue().path("location").asText())) {
        labels.add(member.getKey());
      }
    });
    return labels;
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    Raw raw = sending.get();
    if (raw == null) {
      return context.httpRequest();
    }
    String path = MODEL.operation(raw.operation()).requestUri();
    for (Map.Entry<String, String> label : raw.path().entrySet()) {
      path = path.replace("{" + label.getKey() + "}", SdkHttpUtils.urlEncode(label.getValue()));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    raw.query().forEach((name, value) -> query.put(name, List.of(value)));
    SdkHttpRequest.Builder request = context.httpRequest().toBuilder().encodedPath(path).rawQueryParameters(query);
    if (hasBody(context)) {
      request.putHeader("Content-Length", Integer.toString(bytes(raw).length));
    }
    return request.build();
  }

  @Override
  public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
      ExecutionAttributes attributes) {
    Raw raw = sending.get();
    if (raw == null || !hasBody(context)) {
      return context.requestBody();
    }
    return Optional.of(RequestBody.fromBytes(bytes(raw)));
  }

  private static boolean hasBody(Context.ModifyHttpRequest context) {
    return context.requestBody().isPresent();
  }

  private static byte[] bytes(Raw raw) {
    return raw.body().toString().getBytes(StandardCharsets.UTF_8);
  }
}
