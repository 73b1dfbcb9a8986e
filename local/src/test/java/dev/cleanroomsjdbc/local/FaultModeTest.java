package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.faults.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.InternalServerException;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.ThrottlingException;

/** The fault mode as a client sees it: injected 429s, 500s, latency and failed jobs, through the SDK client only. */
@Timeout(60)
class FaultModeTest {
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED");

  private static LocalCleanRooms local;
  private static DemoCollaboration.Demo demo;
  private static CleanRoomsClient client;

  @BeforeAll
  static void start() {
    local = LocalCleanRooms.builder().seedDemo(true).start();
    demo = local.demo().orElseThrow();
    client = DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
  }

  @AfterEach
  void noFaults() {
    local.faults(Faults.none());
  }

  @AfterAll
  static void stop() {
    client.close();
    local.close();
  }

  @Test
  void throttleRateOneAnswersEveryRequestWith429ThrottlingException() {
    local.faults(Faults.none().withThrottleRate(1.0));
    ThrottlingException e = assertThrows(ThrottlingException.class, this::getMembership);
    assertEquals(429, e.statusCode());
    assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
    assertTrue(e.awsErrorDetails().errorMessage().contains("injected"), e.getMessage());
    assertTrue(e.isThrottlingException());
  }

  @Test
  void serverErrorRateOneAnswersEveryRequestWith500InternalServerException() {
    local.faults(Faults.none().withServerErrorRate(1.0));
    InternalServerException e = assertThrows(InternalServerException.class, this::getMembership);
    assertEquals(500, e.statusCode());
    assertEquals("InternalServerException", e.awsErrorDetails().errorCode());
    assertTrue(e.awsErrorDetails().errorMessage().contains("injected"), e.getMessage());
  }

  @Test
  void latencyDelaysARequestByAtLeastTheConfiguredTime() {
    local.faults(Faults.none().withLatency(Duration.ofMillis(150), 1.0));
    long started = System.nanoTime();
    getMembership();
    assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos());
  }

  @Test
  void jobFailureRateOneEndsTheJobFailedWithTheConfiguredCode() {
    local.faults(Faults.none().withJobFailures(1.0, "TRANSIENT_ERROR"));
    ProtectedJob job = awaitEnd(startCampaignReach().id());
    assertEquals("FAILED", job.statusAsString());
    assertEquals("TRANSIENT_ERROR", job.error().code());
    assertTrue(job.error().message().contains("injected"), job.error().message());
    assertTrue(job.result() == null);
  }

  @Test
  void zeroRatesChangeNothing() {
    local.faults(new Faults(0, 0, Duration.ofSeconds(10), 0, 0, "TRANSIENT_ERROR", 7L, Set.of()));
    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      getMembership();
    }
    // a single delayed request would take the whole 10 s
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
    ProtectedJob job = awaitEnd(startCampaignReach().id());
    assertEquals("SUCCESS", job.statusAsString(), String.valueOf(job.error()));
  }

  @Test
  void theSameSeedRepeatsTheSameSequenceOfFaults() {
    Faults faults = Faults.none().withThrottleRate(0.5).withSeed(42);
    local.faults(faults);
    List<Boolean> first = throttledOutcomes(16);
    local.faults(faults);
    List<Boolean> second = throttledOutcomes(16);
    assertEquals(first, second);
    assertTrue(first.contains(true) && first.contains(false), first.toString());
  }

  @Test
  void ratesBelowOneAreRetriedThroughByTheStandardRetryStrategy() {
    local.faults(Faults.none().withThrottleRate(0.2).withServerErrorRate(0.3).withSeed(3));
    AtomicInteger attempts = new AtomicInteger();
    try (CleanRoomsClient retrying = retryingClient(attempts)) {
      for (int i = 0; i < 10; i++) {
        assertEquals(demo.advertiserMembershipId(), retrying.getMembership(
            b -> b.membershipIdentifier(demo.advertiserMembershipId())).membership().id());
      }
    }
    assertTrue(attempts.get() > 10, "attempts: " + attempts.get());
  }

  @Test
  void anOperationFilterLimitsFaultsToTheNamedOperations() {
    local.faults(Faults.none().withThrottleRate(1.0).onlyOperations("GetProtectedJob"));
    getMembership();
    client.listProtectedJobs(b -> b.membershipIdentifier(demo.advertiserMembershipId()));
    // throttled before the operation runs, so even an unknown job id answers 429, not 404
    assertThrows(ThrottlingException.class, () -> get("00000000-0000-0000-0000-000000000000"));
  }

  private void getMembership() {
    client.getMembership(b -> b.membershipIdentifier(demo.advertiserMembershipId()));
  }

  private List<Boolean> throttledOutcomes(int requests) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      try {
        getMembership();
        out.add(false);
      } catch (ThrottlingException e) {
        out.add(true);
      }
    }
    return out;
  }

  private static CleanRoomsClient retryingClient(AtomicInteger attempts) {
    return CleanRoomsClient.builder()
        .endpointOverride(local.endpoint())
        .region(Region.of(DemoCollaboration.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET)))
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(8).build())
            .addExecutionInterceptor(new ExecutionInterceptor() {
              @Override
              public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
              }
            }))
        .build();
  }

  private static ProtectedJob startCampaignReach() {
    return client.startProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .type(ProtectedJobType.PYSPARK)
        .jobParameters(p -> p.analysisTemplateArn(demo.templateArns().get("campaign_reach")))).protectedJob();
  }

  private static ProtectedJob get(String jobId) {
    return client.getProtectedJob(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .protectedJobIdentifier(jobId)).protectedJob();
  }

  private static ProtectedJob awaitEnd(String jobId) {
    ProtectedJob job = get(jobId);
    while (!ENDED.contains(job.statusAsString())) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      job = get(jobId);
    }
    return job;
  }
}
