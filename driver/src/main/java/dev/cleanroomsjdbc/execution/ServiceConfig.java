package dev.cleanroomsjdbc.execution;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach Clean Rooms and S3: region, optional endpoint overrides, credentials, retries and polling, and what
 * each request's user agent says.
 */
public record ServiceConfig(
    String region,
    URI cleanRoomsEndpoint,
    URI s3Endpoint,
    AwsCredentialsProvider credentials,
    int maxRetries,
    PollSchedule pollSchedule,
    UserAgent userAgent) {

  @Override
  public String toString() {
    // the credentials provider's own toString never prints secret keys, but keep it out all the same
    return "ServiceConfig[region=" + region + ", cleanRoomsEndpoint=" + cleanRoomsEndpoint + ", s3Endpoint="
        + s3Endpoint + ", maxRetries=" + maxRetries + ", poll=" + pollSchedule + "]";
  }
}
