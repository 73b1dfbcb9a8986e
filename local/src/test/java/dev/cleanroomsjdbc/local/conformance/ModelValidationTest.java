package dev.cleanroomsjdbc.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.conformance.RawRequests.Raw;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationExceptionField;

/**
 * Cases generated from the service model, sent through the SDK client: for every operation served, its valid
 * requests answer 2xx, and for every constraint the model puts on a member those requests set, a request breaking
 * just that constraint answers 400 ValidationException, reason FIELD_VALIDATION_FAILED, naming the member in its
 * fieldList. Every answer, valid or not, must also conform to the model's output or error shape.
 */
@Timeout(180)
class ModelValidationTest {
  private static LocalCleanRooms local;
  private static RawRequests raw;
  private static ResponseCapture capture;
  private static CleanRoomsClient advertiser;
  private static Resources resources;
  private static List<ValidRequests.Valid> valid;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    raw = new RawRequests();
    capture = new ResponseCapture();
    advertiser = CleanRoomsClient.builder()
        .endpointOverride(local.endpoint())
        .region(Region.of(DemoCollaboration.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(raw)
            .addExecutionInterceptor(capture))
        .build();
    resources = new Resources(local, advertiser);
    valid = ValidRequests.of(resources);
  }

  @AfterAll
  static void stop() {
    if (resources != null) {
      resources.stopJobs();
    }
    advertiser.close();
    local.close();
  }

  @TestFactory
  Stream<DynamicTest> everyConstraintOfEveryOperationIsChecked() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ValidRequests.Valid request : valid) {
      String shown = request.base().toString();
      tests.add(DynamicTest.dynamicTest("valid " + shown.substring(0, Math.min(shown.length(), 160)),
          () -> sendsValid(request)));
      for (ConstraintCases.Case invalid : ConstraintCases.of(request.base())) {
        tests.add(DynamicTest.dynamicTest(invalid.name(), () -> isRefused(invalid)));
      }
    }
    return tests.stream();
  }

  private static void sendsValid(ValidRequests.Valid request) throws IOException {
    Raw sent = request.prepare().get();
    int before = capture.responses().size();
    Optional<AwsServiceException> error = raw.send(advertiser, sent);
    assertEquals(Optional.empty(), error.map(e -> e.awsErrorDetails().errorCode() + ": " + e.getMessage()));
    ResponseCapture.Captured answer = capture.responses().get(before);
    assertEquals(200, answer.status());
    assertEquals(List.of(), ModelConformanceTest.violations(answer));
    request.after().accept(sent);
  }

  private static void isRefused(ConstraintCases.Case invalid) throws IOException {
    int before = capture.responses().size();
    AwsServiceException error = raw.send(advertiser, invalid.request()).orElseThrow(
        () -> new AssertionError(invalid + " was accepted: " + invalid.request()));
    ValidationException validation = assertInstanceOf(ValidationException.class, error, error.getMessage());
    assertEquals(400, validation.statusCode());
    assertEquals("FIELD_VALIDATION_FAILED", validation.reasonAsString());
    List<String> fields = validation.fieldList().stream().map(ValidationExceptionField::name).toList();
    assertTrue(fields.contains(invalid.field()), invalid.field() + " not in " + fields + ": " + error.getMessage());
    assertEquals(List.of(), ModelConformanceTest.violations(capture.responses().get(before)));
  }

  @Test
  void everyOperationServedHasValidRequestsAndEveryOneIsInTheModel() {
    Set<String> served = new TreeSet<>(local.operations());
    Set<String> covered = new TreeSet<>(valid.stream().map(ValidRequests.Valid::operation).toList());
    assertEquals(served, covered);
    assertEquals(ConformanceCalls.OPERATIONS, served);
  }

  @Test
  void everyValidRequestGivesInvalidOnes() {
    assertEquals(List.of(), valid.stream().filter(v -> ConstraintCases.of(v.base()).isEmpty())
        .map(ValidRequests.Valid::operation).toList());
  }
}
