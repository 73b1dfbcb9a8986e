package dev.cleanroomsjdbc.execution;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** Builds the SDK clients a connection uses, with the SDK's own retry strategy doing the retrying. */
public final class ServiceClients {
  private ServiceClients() {}

  public static CleanRoomsClient cleanRooms(ServiceConfig config) {
    var builder = CleanRoomsClient.builder()
        .region(Region.of(config.region()))
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
