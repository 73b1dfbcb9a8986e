package dev.cleanroomsjdbc.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** The user agent of every Clean Rooms request names the driver and, once set, the application. */
class UserAgentTest {

  @Test
  void theApplicationNameSetAfterTheClientWasBuiltIsInTheNextRequestsUserAgent() {
    AtomicReference<String> app = new AtomicReference<>();
    List<String> agents = new ArrayList<>();
    try (CleanRoomsClient client = CleanRoomsClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:1"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(recording(agents))
        .overrideConfiguration(o -> o.addExecutionInterceptor(new UserAgent("0.1.0-SNAPSHOT", app::get)))
        .build()) {
      client.getMembership(b -> b.membershipIdentifier("m"));
      app.set("DBeaver 24.3.0 - Main");
      client.getMembership(b -> b.membershipIdentifier("m"));
    }
    assertEquals(2, agents.size(), agents.toString());
    assertTrue(agents.get(0).contains("cleanrooms-jdbc/0.1.0-SNAPSHOT"), agents.get(0));
    assertTrue(!agents.get(0).contains("app/"), agents.get(0));
    assertTrue(agents.get(1).contains("app/DBeaver_24.3.0_-_Main"), agents.get(1));
  }

  @Test
  void aTokenKeepsOnlyUserAgentCharacters() {
    assertEquals("Tableau_2024.2__x64_", UserAgent.token(" Tableau 2024.2 (x64) "));
    assertEquals(64, UserAgent.token("x".repeat(100)).length());
  }

  /** An HTTP client that records the User-Agent and answers every request with an empty membership. */
  private static SdkHttpClient recording(List<String> agents) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        agents.add(request.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            byte[] body = "{\"membership\":{}}".getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json")
                    .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public void close() {}
    };
  }
}
