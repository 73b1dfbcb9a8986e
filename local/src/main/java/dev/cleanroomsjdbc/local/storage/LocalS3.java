package dev.cleanroomsjdbc.local.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-process S3 server (s3proxy) on 127.0.0.1 that checks SigV4 (and V2) signatures as S3 does, plus an SDK
 * client for it signed with the local Clean Rooms' own keys, which reach every bucket (the service reads tables and
 * writes results with them). Accounts' keys come from a {@link StoragePolicy}: a wrong secret is
 * {@code SignatureDoesNotMatch}, an unknown key {@code InvalidAccessKeyId}, and an account may use only its own
 * buckets and read the results addressed to it ({@code AccessDenied} otherwise).
 */
public final class LocalS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalS3.class);

  /** The local Clean Rooms' own keys: its clients and Hadoop configurations sign with them. */
  static final String ACCESS_KEY = "local-s3";
  static final String SECRET_KEY = "local-s3-secret";

  /** How long a pooled connection to the server may live: well below Jetty's 30 s idle timeout. */
  static final java.time.Duration IDLE_CONNECTION_LIMIT = java.time.Duration.ofSeconds(5);

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final S3Client client;

  private LocalS3(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.client = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        // pooled connections never live long enough for the server to close them under the client
        .httpClientBuilder(ApacheHttpClient.builder().connectionMaxIdleTime(IDLE_CONNECTION_LIMIT)
            .connectionTimeToLive(IDLE_CONNECTION_LIMIT))
        // the engines' requests ride out a burst of refused connections (see DaemonJetty.ACCEPT_QUEUE)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(8).build()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /**
   * Uses an S3 server that runs already, such as MinIO in a container, instead of starting one. It keeps its own
   * keys and permissions (the accounts' keys and bucket rules of the in-process server do not apply): clients (the
   * driver too) must sign with keys it knows.
   */
  public static LocalS3 connect(URI endpoint, String accessKey, String secretKey) {
    LOG.info("local Clean Rooms storage at {} (external S3 server)", endpoint);
    return new LocalS3(null, endpoint, accessKey, secretKey);
  }

  /**
   * Starts the server.
   *
   * @param port the port to listen on, 0 for an ephemeral one
   * @param dataDirOrNull where objects live ({@code <dir>/<bucket>/<key>}, kept across restarts), or null to keep
   *     them in memory
   */
  public static LocalS3 start(int port, Path dataDirOrNull) {
    return start(port, dataDirOrNull, StoragePolicy.internalOnly());
  }

  /**
   * Starts the server, accepting the local Clean Rooms' own keys and those {@code policy} knows.
   *
   * @param port the port to listen on, 0 for an ephemeral one
   * @param dataDirOrNull where objects live ({@code <dir>/<bucket>/<key>}, kept across restarts), or null to keep
   *     them in memory
   */
  public static LocalS3 start(int port, Path dataDirOrNull, StoragePolicy policy) {
    BlobStore store;
    if (dataDirOrNull == null) {
      store = new TransientNio2BlobStore();
    } else {
      try {
        Files.createDirectories(dataDirOrNull);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the S3 data directory " + dataDirOrNull, e);
      }
      store = new FilesystemNio2BlobStore(dataDirOrNull.toAbsolutePath().toString());
    }
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    // s3proxy's hook for several identities: the secret to verify each request with, and the store it sees.
    BlobStore everything = store;
    proxy.setBlobStoreLocator((identity, bucket, key) -> {
      if (ACCESS_KEY.equals(identity)) {
        return new AccessGrant(SECRET_KEY, everything);
      }
      return policy.identity(identity).map(account -> new AccessGrant(account.secretAccessKey(),
          new AccountBlobStore(everything, account.accountId(), policy))).orElse(null);
    });
    DaemonJetty.apply(proxy);
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: state " + proxy.getState());
        }
        Thread.sleep(5);
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start the local S3 server on port " + port + ": " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    LOG.info("local S3 listening at {} ({})", endpoint, dataDirOrNull == null ? "in memory" : dataDirOrNull);
    return new LocalS3(proxy, endpoint, ACCESS_KEY, SECRET_KEY);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** An SDK client for this server (path-style, us-east-1); closed by {@link #close()}. */
  public S3Client client() {
    return client;
  }

  /** A fresh Hadoop configuration whose S3A settings point {@code s3a://} paths at this server. */
  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", endpoint.toString());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    // Several servers may run in one JVM (tests); Hadoop's FileSystem cache would hand one server's client to another.
    conf.set("fs.s3a.impl.disable.cache", "true");
    return conf;
  }

  /** Creates the bucket unless it exists (with the service's own keys: no account owns it by this). */
  public void createBucket(String name) {
    try {
      client.createBucket(b -> b.bucket(name));
    } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
      // idempotent by design
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw e;
      }
    }
  }

  public void putText(S3Location location, String text) {
    client.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromString(text));
  }

  public void putBytes(S3Location location, byte[] bytes) {
    client.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromBytes(bytes));
  }

  /** Uploads a local file (streamed, not read into memory). */
  public void putFile(S3Location location, Path file) {
    client.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromFile(file));
  }

  /** The object's bytes, or empty when the object (or its bucket) does not exist. */
  public Optional<byte[]> read(S3Location location) {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()));
      return Optional.of(bytes.asByteArray());
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Downloads the object to a local file, replacing it; false when the object does not exist. */
  public boolean download(S3Location location, Path target) {
    try {
      Files.deleteIfExists(target);
      client.getObject(b -> b.bucket(location.bucket()).key(location.key()), target);
      return true;
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every object whose key starts with the prefix's key, sorted by key; empty when the bucket does not exist. */
  public List<S3Location> list(S3Location prefix) {
    return listObjects(prefix).stream().map(o -> new S3Location(prefix.bucket(), o.key())).toList();
  }

  /** Like {@link #list} but with each object's size and other listing fields. */
  public List<S3Object> listObjects(S3Location prefix) {
    List<S3Object> objects = new ArrayList<>();
    ListObjectsV2Request request = ListObjectsV2Request.builder()
        .bucket(prefix.bucket())
        .prefix(prefix.key().isEmpty() ? null : prefix.key())
        .build();
    try {
      client.listObjectsV2Paginator(request).contents().forEach(objects::add);
    } catch (NoSuchBucketException e) {
      return List.of();
    }
    objects.sort(Comparator.comparing(S3Object::key));
    return objects;
  }

  @Override
  public void close() {
    client.close();
    if (proxy != null) {
      stopQuietly(proxy);
    }
    LOG.info("local S3 at {} stopped", endpoint);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("stopping s3proxy failed", e);
    }
  }
}
