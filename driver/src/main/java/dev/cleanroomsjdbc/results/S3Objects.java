package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The result objects of one connection, read through the SDK's S3 client (its retry strategy retries throttled
 * and failed requests) with bounded connect and read timeouts, so that a stalled connection becomes an error
 * {@link ObjectStream} can resume from; the client lives exactly as long as the {@link ResultReader} that owns this.
 */
final class S3Objects implements AutoCloseable {

  /** One S3 object as a listing or HEAD shows it. */
  record Entry(String bucket, String key, long size) {
    String name() {
      return key.substring(key.lastIndexOf('/') + 1);
    }
  }

  /** The objects directly under a prefix, and its sub-prefixes ("folders"), each in key order. */
  record Listing(List<Entry> objects, List<String> prefixes) {}

  /** How long a pooled connection may stay idle before it is closed. */
  static final Duration IDLE_CONNECTION_LIMIT = Duration.ofSeconds(10);
  /** How long opening a connection to S3 may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final S3Client s3;
  private final Duration getTimeout;

  S3Objects(S3Access access) {
    // a GET whose answer does not begin within two read timeouts (the SDK's own retries included) is a stall
    this.getTimeout = access.readTimeout().multipliedBy(2);
    var builder = S3Client.builder()
        .region(Region.of(access.region()))
        .forcePathStyle(access.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(access.readTimeout())
            // retired before servers close idle connections (S3 after ~20 s, Jetty after 30 s): a request sent on
            // a connection the server closed fails with "Broken pipe" or a reset
            .connectionMaxIdleTime(IDLE_CONNECTION_LIMIT))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
    if (access.credentials() != null) {
      builder.credentialsProvider(access.credentials());
    }
    if (access.endpointOrNull() != null) {
      builder.endpointOverride(access.endpointOrNull());
    }
    this.s3 = builder.build();
  }

  /** The object at {@code bucket/key}, or empty if there is none. */
  Optional<Entry> head(String bucket, String key) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(new Entry(bucket, key, head.contentLength()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every object and sub-prefix directly under {@code prefix} (which ends with "/" or is empty). */
  Listing list(String bucket, String prefix) {
    List<Entry> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/"))) {
      for (S3Object o : page.contents()) {
        objects.add(new Entry(bucket, o.key(), o.size()));
      }
      for (CommonPrefix p : page.commonPrefixes()) {
        prefixes.add(p.prefix());
      }
    }
    return new Listing(List.copyOf(objects), List.copyOf(prefixes));
  }

  /**
   * The bytes of {@code entry} from {@code start} on; {@link ObjectStream} reopens it here after a broken
   * connection.
   */
  ResponseInputStream<GetObjectResponse> get(Entry entry, long start) {
    return s3.getObject(b -> b.bucket(entry.bucket()).key(entry.key()).range("bytes=" + start + "-")
        .overrideConfiguration(o -> o.apiCallTimeout(getTimeout)));
  }

  /** A stream over the whole object that survives broken connections (see {@link ObjectStream}). */
  InputStream open(Entry entry) throws IOException {
    return new ObjectStream(this, entry);
  }

  /** The bucket and key of an {@code s3://} (or {@code s3a://}, {@code s3n://}) URI. */
  static Entry locate(URI uri, long size) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("s3") || scheme.equals("s3a") || scheme.equals("s3n")) || uri.getHost() == null) {
      throw new IllegalArgumentException("Not an S3 URI: " + uri);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    return new Entry(uri.getHost(), path.startsWith("/") ? path.substring(1) : path, size);
  }

  @Override
  public void close() {
    s3.close();
  }
}
