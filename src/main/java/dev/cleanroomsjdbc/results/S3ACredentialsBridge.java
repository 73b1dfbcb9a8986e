package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Hands the driver's SDK credentials provider to S3A, which only instantiates providers by class name: the
 * provider waits in a registry under a random key that the Hadoop {@link Configuration} carries.
 */
public final class S3ACredentialsBridge implements AwsCredentialsProvider {

  /** Configuration key holding the registry key; the key is random, so a Configuration leaks no secret. */
  static final String KEY_PROPERTY = "cleanroomsjdbc.credentials.key";

  private static final Map<String, AwsCredentialsProvider> REGISTRY = new ConcurrentHashMap<>();

  private final AwsCredentialsProvider delegate;

  /** The constructor S3A calls. */
  public S3ACredentialsBridge(URI uri, Configuration conf) throws IOException {
    String key = conf.get(KEY_PROPERTY);
    AwsCredentialsProvider found = key == null ? null : REGISTRY.get(key);
    if (found == null) {
      // the owning ResultReader is closed, or the Configuration was not built by S3AConfigurations
      throw new IOException("No credentials registered for " + uri + ": the result reader is closed");
    }
    this.delegate = found;
  }

  /** Registers a provider and returns the key to put under {@link #KEY_PROPERTY}. */
  static String register(AwsCredentialsProvider provider) {
    String key = UUID.randomUUID().toString();
    REGISTRY.put(key, provider);
    return key;
  }

  static void unregister(String key) {
    if (key != null) {
      REGISTRY.remove(key);
    }
  }

  static boolean isRegistered(String key) {
    return key != null && REGISTRY.containsKey(key);
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return delegate.resolveCredentials();
  }

  @Override
  public String toString() {
    return "S3ACredentialsBridge[" + delegate.getClass().getSimpleName() + "]";
  }
}
