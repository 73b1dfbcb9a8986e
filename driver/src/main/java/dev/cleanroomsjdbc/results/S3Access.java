package dev.cleanroomsjdbc.results;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the driver reaches the S3 buckets that hold results: endpoint (null for AWS), region, credentials,
 * addressing style, and how long a read may wait for a byte before it counts as stalled.
 */
public record S3Access(URI endpointOrNull, String region, AwsCredentialsProvider credentials, boolean pathStyle,
    Duration readTimeout) {

  /** The read timeout unless a connection sets another (s3ReadTimeoutSeconds). */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  public S3Access(URI endpointOrNull, String region, AwsCredentialsProvider credentials, boolean pathStyle) {
    this(endpointOrNull, region, credentials, pathStyle, DEFAULT_READ_TIMEOUT);
  }

  /** Never prints the credentials: only what kind of provider they come from. */
  @Override
  public String toString() {
    String provider = credentials == null ? "default chain" : credentials.getClass().getSimpleName();
    return "S3Access[endpoint=" + (endpointOrNull == null ? "AWS" : endpointOrNull) + ", region=" + region
        + ", credentials=" + provider + ", pathStyle=" + pathStyle + ", readTimeout=" + readTimeout + "]";
  }
}
