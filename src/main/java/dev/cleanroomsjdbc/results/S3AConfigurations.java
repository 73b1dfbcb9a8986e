package dev.cleanroomsjdbc.results;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;

/** Builds the Hadoop S3A configuration for one {@link S3Access}. */
final class S3AConfigurations {

  private S3AConfigurations() {
  }

  /**
   * A configuration for {@code access}; {@code credentialsKey} is the bridge registry key, or null to use
   * S3A's default credential chain.
   */
  static Configuration create(S3Access access, String credentialsKey) {
    // with defaults: new Configuration(false) leaves hadoop.tmp.dir (and so fs.s3a.buffer.dir) unset
    Configuration conf = new Configuration();
    URI endpoint = access.endpointOrNull();
    if (endpoint != null) {
      conf.set("fs.s3a.endpoint", endpoint.toString());
      conf.setBoolean("fs.s3a.connection.ssl.enabled", !"http".equalsIgnoreCase(endpoint.getScheme()));
    }
    if (access.region() != null && !access.region().isBlank()) {
      conf.set("fs.s3a.endpoint.region", access.region());
    }
    conf.setBoolean("fs.s3a.path.style.access", access.pathStyle());
    if (credentialsKey != null) {
      conf.set("fs.s3a.aws.credentials.provider", S3ACredentialsBridge.class.getName());
      conf.set(S3ACredentialsBridge.KEY_PROPERTY, credentialsKey);
    }
    // Fail fast: a missing or unreadable result file is an answer, not a glitch; S3A's defaults
    // (7 retries at 500 ms, 20 throttle retries, SDK retries on top) would hold a query for many seconds.
    conf.setInt("fs.s3a.attempts.maximum", 2);
    conf.setInt("fs.s3a.retry.limit", 2);
    conf.set("fs.s3a.retry.interval", "100ms");
    conf.setInt("fs.s3a.retry.throttle.limit", 3);
    conf.set("fs.s3a.retry.throttle.interval", "200ms");
    // the driver only reads: never probe or create buckets, never keep a CLOSE_WAIT pool across readers
    conf.setInt("fs.s3a.bucket.probe", 0);
    // Parquet seeks to the footer, then reads column chunks forward: let S3A adapt its read policy
    conf.set("fs.s3a.experimental.input.fadvise", "normal");
    return conf;
  }
}
