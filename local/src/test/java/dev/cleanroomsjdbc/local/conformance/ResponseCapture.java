package dev.cleanroomsjdbc.local.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK interceptor that keeps the raw body of every response the client receives, with the operation name and
 * the error type the service named, before the SDK's unmarshaller forgives anything.
 */
final class ResponseCapture implements ExecutionInterceptor {

  /** One raw response: {@code errorType} is the {@code x-amzn-ErrorType} header, {@code null} on success. */
  record Captured(String operation, int status, String errorType, String body) {}

  private final List<Captured> responses = new ArrayList<>();

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    Optional<InputStream> content = context.responseBody();
    byte[] bytes;
    try {
      bytes = content.isPresent() ? content.get().readAllBytes() : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String errorType = context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
        .map(t -> t.split(":")[0]).orElse(null);
    synchronized (responses) {
      responses.add(new Captured(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
          context.httpResponse().statusCode(), errorType, new String(bytes, StandardCharsets.UTF_8)));
    }
    return content.isPresent() ? Optional.of(new ByteArrayInputStream(bytes)) : content;
  }

  /** Every response captured so far, in arrival order. */
  List<Captured> responses() {
    synchronized (responses) {
      return List.copyOf(responses);
    }
  }
}
