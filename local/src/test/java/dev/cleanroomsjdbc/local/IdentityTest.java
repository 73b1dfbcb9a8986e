package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryOutputConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Who is calling, as AWS decides it: SigV4 signatures checked against each account's secret on the Clean Rooms API
 * and on the local S3, where an account uses its own buckets and reads only the results addressed to it.
 */
@Timeout(60)
class IdentityTest {
  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static DemoClients clients;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    demo = local.demo().orElseThrow();
    clients = new DemoClients(local);
  }

  @AfterAll
  static void stop() {
    clients.close();
    local.close();
  }

  private static String errorCode(Runnable call) {
    CleanRoomsException e = assertThrows(CleanRoomsException.class, call::run);
    assertEquals(403, e.statusCode());
    return e.awsErrorDetails().errorCode();
  }

  private static String s3ErrorCode(Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals(403, e.statusCode());
    return e.awsErrorDetails().errorCode();
  }

  @Test
  void aWrongSecretIsAnInvalidSignature() {
    try (CleanRoomsClient impostor = DemoCollaboration.client(local.endpoint(),
        DemoCollaboration.ADVERTISER_ACCESS_KEY, "not-the-advertisers-secret")) {
      assertEquals("InvalidSignatureException", errorCode(() -> impostor.listMemberships(b -> { })));
    }
  }

  @Test
  void anUnknownAccessKeyIsAnUnrecognizedClient() {
    try (CleanRoomsClient stranger = DemoCollaboration.client(local.endpoint(), "AKIANOBODY0000000000", "x")) {
      assertEquals("UnrecognizedClientException", errorCode(() -> stranger.listCollaborations(b -> { })));
    }
  }

  @Test
  void anUnsignedRequestIsMissingItsAuthenticationToken() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(local.endpoint() + "/memberships")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, response.statusCode());
    assertEquals("MissingAuthenticationTokenException",
        response.headers().firstValue("X-Amzn-ErrorType").orElseThrow());
  }

  @Test
  void theLocalS3ChecksEachAccountsSecret() {
    try (S3Client impostor = DemoClients.s3(local, DemoCollaboration.ADVERTISER_ACCESS_KEY, "wrong")) {
      assertEquals("SignatureDoesNotMatch", s3ErrorCode(() -> impostor.listObjectsV2(b -> b.bucket("demo-results"))));
    }
    try (S3Client stranger = DemoClients.s3(local, "AKIANOBODY0000000000", "x")) {
      assertEquals("InvalidAccessKeyId", s3ErrorCode(() -> stranger.listBuckets()));
    }
  }

  @Test
  void anotherMemberCannotReadAnAccountsBucketsOrResults() {
    ProtectedQuery query = runQuery(o -> o.s3(s -> s.resultFormat(ResultFormat.CSV).bucket("demo-results")
        .keyPrefix("identity").singleFileOutput(true)));
    String key = query.result().output().s3().location().substring("s3://demo-results/".length());
    assertTrue(clients.s3().getObjectAsBytes(b -> b.bucket("demo-results").key(key)).asByteArray().length > 0);
    try (S3Client publisher = DemoClients.s3(local, DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET)) {
      assertEquals("AccessDenied", s3ErrorCode(() -> publisher.getObjectAsBytes(b -> b.bucket("demo-results").key(key))));
      assertEquals("AccessDenied", s3ErrorCode(() -> publisher.listObjectsV2(b -> b.bucket("advertiser-data"))));
      assertEquals("AccessDenied", s3ErrorCode(() -> publisher.putObject(b -> b.bucket("demo-code").key("evil.sql"),
          RequestBody.fromString("SELECT 1"))));
      List<String> buckets = publisher.listBuckets().buckets().stream().map(b -> b.name()).toList();
      assertTrue(buckets.contains("publisher-data") && !buckets.contains("demo-results"), buckets.toString());
    }
  }

  @Test
  void resultsAddressedToAnAccountAreReadableInABucketItDoesNotOwn() {
    local.s3().createBucket("shared-results");
    local.s3().putText(new S3Location("shared-results", "other/secret.csv"), "x");
    ProtectedQuery query = runQuery(o -> o.s3(s -> s.resultFormat(ResultFormat.CSV).bucket("shared-results")
        .keyPrefix("mine")));
    String prefix = query.result().output().s3().location().substring("s3://shared-results/".length());
    S3Client advertiser = clients.s3();
    List<String> keys = advertiser.listObjectsV2(b -> b.bucket("shared-results")).contents().stream()
        .map(S3Object::key).toList();
    assertTrue(!keys.isEmpty() && keys.stream().allMatch(k -> k.startsWith(prefix)), keys.toString());
    String part = keys.stream().filter(k -> k.contains("part-")).findFirst().orElseThrow();
    assertTrue(advertiser.getObjectAsBytes(b -> b.bucket("shared-results").key(part)).asByteArray().length > 0);
    assertEquals("AccessDenied", s3ErrorCode(() -> advertiser.getObjectAsBytes(b -> b.bucket("shared-results")
        .key("other/secret.csv"))));
    assertEquals("AccessDenied", s3ErrorCode(() -> advertiser.putObject(b -> b.bucket("shared-results")
        .key(prefix + "forged.csv"), RequestBody.fromString("x"))));
  }

  @Test
  void aBucketAnAccountCreatesIsItsOwn() {
    try (S3Client publisher = DemoClients.s3(local, DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET)) {
      publisher.createBucket(b -> b.bucket("publisher-scratch"));
      publisher.putObject(b -> b.bucket("publisher-scratch").key("a.txt"), RequestBody.fromString("mine"));
      assertEquals("mine", publisher.getObjectAsBytes(b -> b.bucket("publisher-scratch").key("a.txt")).asUtf8String());
      assertEquals("AccessDenied", s3ErrorCode(() -> clients.s3().listObjectsV2(b -> b.bucket("publisher-scratch"))));
    }
  }

  private static ProtectedQuery runQuery(Consumer<ProtectedQueryOutputConfiguration.Builder> output) {
    CleanRoomsClient advertiser = clients.advertiser();
    String id = advertiser.startProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedQueryType.SQL).sqlParameters(p -> p.queryString("SELECT COUNT(*) AS n FROM customers"))
        .resultConfiguration(r -> r.outputConfiguration(output))).protectedQuery().id();
    ProtectedQuery query;
    do {
      ProtectedQueryTest.sleep();
      query = advertiser.getProtectedQuery(b -> b.membershipIdentifier(demo.advertiserMembershipId())
          .protectedQueryIdentifier(id)).protectedQuery();
    } while (!ProtectedQueryTest.ENDED.contains(query.statusAsString()));
    assertEquals("SUCCESS", query.statusAsString(), String.valueOf(query.error()));
    return query;
  }
}
