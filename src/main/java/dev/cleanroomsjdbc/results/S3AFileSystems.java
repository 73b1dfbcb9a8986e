package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3A file systems of one result reader, one per bucket, each a private instance (never Hadoop's shared
 * cache, whose instances outlive the connection and mix credentials).
 */
final class S3AFileSystems implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3AFileSystems.class);

  private final Configuration conf;
  private final String credentialsKey;
  private final Map<String, FileSystem> byBucket = new LinkedHashMap<>();
  private boolean closed;

  S3AFileSystems(S3Access access) {
    this.credentialsKey = access.credentials() == null ? null : S3ACredentialsBridge.register(access.credentials());
    this.conf = S3AConfigurations.create(access, credentialsKey);
  }

  Configuration conf() {
    return conf;
  }

  /** The S3A path for an {@code s3://}, {@code s3a://} or {@code s3n://} URI. */
  static Path toS3APath(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("s3") && !scheme.equals("s3a") && !scheme.equals("s3n") || uri.getHost() == null) {
      throw new IllegalArgumentException("Not an S3 URI: " + uri);
    }
    try {
      String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
      return new Path(new URI("s3a", uri.getHost(), path, null));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Not an S3 URI: " + uri, e);
    }
  }

  /** The file system of the bucket that {@code path} is in, created on first use. */
  synchronized FileSystem forPath(Path path) throws IOException {
    if (closed) {
      throw new IOException("The result reader is closed");
    }
    String bucket = path.toUri().getHost();
    FileSystem fs = byBucket.get(bucket);
    if (fs == null) {
      fs = FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf);
      byBucket.put(bucket, fs);
    }
    return fs;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Map.Entry<String, FileSystem> e : byBucket.entrySet()) {
      try {
        e.getValue().close();
      } catch (IOException | RuntimeException ex) {
        LOG.warn("Closing the S3A file system of bucket {} failed", e.getKey(), ex);
      }
    }
    byBucket.clear();
    S3ACredentialsBridge.unregister(credentialsKey);
  }
}
