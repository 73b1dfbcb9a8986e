package dev.cleanroomsjdbc.results;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the driver reaches the S3 buckets that hold results: endpoint (null for AWS), region, credentials and
 * addressing style.
 */
public record S3Access(URI endpointOrNull, String region, AwsCredentialsProvider credentials, boolean pathStyle) {

  /** Never prints the credentials: only what kind of provider they come from. */
  @Override
  public String toString() {
    String provider = credentials == null ? "default chain" : credentials.getClass().getSimpleName();
    return "S3Access[endpoint=" + (endpointOrNull == null ? "AWS" : endpointOrNull) + ", region=" + region
        + ", credentials=" + provider + ", pathStyle=" + pathStyle + "]";
  }
}
