package dev.cleanroomsjdbc.execution;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** Builds the SDK clients a connection uses, with the SDK's own retry strategy doing the retrying. */
public final class ServiceClients {
  private ServiceClients() {}

  /** How long one start request may take before its answer counts as lost (and is looked for, see Starts). */
  static final java.time.Duration START_ATTEMPT_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * A request sent once, never retried by the SDK: starts, whose blind retry could start a second run (the driver
   * resolves a lost answer itself).
   */
  static void singleAttempt(software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder o) {
    o.apiCallAttemptTimeout(START_ATTEMPT_TIMEOUT)
        .addPlugin(config -> config.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
  }

  public static CleanRoomsClient cleanRooms(ServiceConfig config) {
    var builder = CleanRoomsClient.builder()
        .region(Region.of(config.region()))
        // pooled connections retired before a server closes idle ones: a request written to a connection the
        // server closed fails ("Broken pipe"), and a start is sent once only
        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
            .connectionMaxIdleTime(java.time.Duration.ofSeconds(10)))
        .credentialsProvider(config.credentials())
        .overrideConfiguration(o -> o.retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxRetries() + 1).build())
            .addExecutionInterceptor(config.userAgent()));
    if (config.cleanRoomsEndpoint() != null) {
      builder.endpointOverride(config.cleanRoomsEndpoint());
    }
    return builder.build();
  }
}
