package dev.cleanroomsjdbc.local.conformance;

import dev.cleanroomsjdbc.local.http.ServiceModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * Every operation the local Clean Rooms serves answers the real SDK client with bodies that conform to the service
 * model: after each test, every raw response it caused is checked against the model's output shape of its
 * operation, or against the error shape it names (which the model must declare for that operation).
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The errors AWS documents as common to every action ("Common Errors"), which no operation declares. */
  static final Set<String> COMMON_ERRORS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
      "MissingAuthenticationTokenException", "IncompleteSignatureException");
  private static final ServiceModel MODEL = ServiceModel.load();
  private static final ShapeChecker CHECKER = new ShapeChecker(MODEL);

  private static LocalCleanRooms local;
  private static ResponseCapture capture;
  private static ConformanceCalls calls;
  private static int checked;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    capture = new ResponseCapture();
    calls = new ConformanceCalls(local,
        client(DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET),
        client(DemoCollaboration.PUBLISHER_ACCESS_KEY, DemoCollaboration.PUBLISHER_SECRET));
  }

  @AfterAll
  static void stop() {
    calls.close();
    local.close();
  }

  private static CleanRoomsClient client(String accessKey, String secret) {
    return CleanRoomsClient.builder()
        .endpointOverride(local.endpoint())
        .region(Region.of(DemoCollaboration.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(capture))
        .build();
  }

  /** Checks every response captured since the previous test against the model. */
  @AfterEach
  void everyResponseConformsToTheModel() throws IOException {
    List<ResponseCapture.Captured> responses = capture.responses();
    List<String> violations = new ArrayList<>();
    for (ResponseCapture.Captured response : responses.subList(checked, responses.size())) {
      violations.addAll(violations(response).stream()
          .map(v -> response.operation() + " (" + response.status() + "): " + v).toList());
    }
    checked = responses.size();
    assertEquals(List.of(), violations);
  }

  static List<String> violations(ResponseCapture.Captured response) throws IOException {
    if (response.errorType() == null) {
      return CHECKER.checkOutput(response.operation(), JSON.readTree(response.body()));
    }
    if (COMMON_ERRORS.contains(response.errorType())) {
      return JSON.readTree(response.body()).path("message").isTextual() ? List.of()
          : List.of("common error " + response.errorType() + " without a message");
    }
    if (!MODEL.declaresError(response.operation(), response.errorType())) {
      return List.of("error " + response.errorType() + " is not one the model declares for this operation");
    }
    return CHECKER.check(response.errorType(), JSON.readTree(response.body()));
  }

  @Test
  void collaborationsAndMembershipsConform() {
    calls.collaborations();
  }

  @Test
  void configuredTablesAndTheirRulesConform() {
    calls.configuredTables();
  }

  @Test
  void schemasAndTheirRulesConform() {
    calls.schemas();
  }

  @Test
  void analysisTemplatesConform() {
    calls.templates();
  }

  @Test
  void protectedJobsConform() {
    assertEquals("SUCCESS", calls.jobs());
  }

  @Test
  void protectedQueriesConform() {
    assertEquals("SUCCESS", calls.queries());
  }

  @Test
  void errorsUseTheModelsErrorShapes() {
    assertThrows(ResourceNotFoundException.class, () -> calls.advertiser().getMembership(b -> b
        .membershipIdentifier("00000000-0000-0000-0000-000000000000")));
    assertThrows(ValidationException.class, () -> calls.advertiser().listConfiguredTables(b -> b.maxResults(0)));
    DemoCollaboration.Demo demo = local.demo().orElseThrow();
    assertThrows(ConflictException.class, () -> calls.advertiser().createMembership(b -> b
        .collaborationIdentifier(demo.collaborationId()).queryLogStatus(MembershipQueryLogStatus.DISABLED)));
    assertThrows(AccessDeniedException.class, () -> calls.publisher().startProtectedQuery(b -> b
        .membershipIdentifier(demo.publisherMembershipId()).type(ProtectedQueryType.SQL)
        .sqlParameters(p -> p.queryString("SELECT COUNT(*) FROM customers"))));
    assertThrows(AccessDeniedException.class, () -> calls.publisher().updateCollaboration(b -> b
        .collaborationIdentifier(demo.collaborationId()).name("not the creator")));
  }

  /** Runs last: the operations the other tests called, as the capture saw them. */
  @Test
  @Order(Integer.MAX_VALUE)
  void everyListedOperationIsCalled() {
    Set<String> called = new TreeSet<>();
    capture.responses().forEach(r -> called.add(r.operation()));
    Set<String> missing = new TreeSet<>(ConformanceCalls.OPERATIONS);
    missing.removeAll(called);
    assertTrue(missing.isEmpty(), "operations never called: " + missing);
  }
}
