package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.logging.Secrets;
import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS credentials of a connection, as the {@code credentials} property asks for them: the SDK's default chain,
 * a named profile or static keys, and on top of any of them an explicit role to assume ({@code roleArn}, with
 * {@code externalId} and {@code roleSessionName}). The SDK's profile provider does the rest, as the AWS CLI does:
 * SSO sessions, {@code role_arn}/{@code source_profile}, web identity and {@code credential_process}.
 *
 * <p>They are resolved once when the connection opens, so that missing or unusable credentials fail there with
 * 28000 and a short message saying what to do, instead of the SDK's list of every provider it tried.
 */
final class Credentials implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);
  static final String DEFAULT_SESSION_NAME = "cleanrooms-jdbc";

  private final AwsCredentialsProvider provider;
  private final AutoCloseable[] owned;

  private Credentials(AwsCredentialsProvider provider, AutoCloseable... owned) {
    this.provider = remembering(provider);
    this.owned = owned;
  }

  /** Every secret the provider resolves (a role's session too) is kept out of the self-contained jar's logs. */
  private static AwsCredentialsProvider remembering(AwsCredentialsProvider provider) {
    return () -> {
      AwsCredentials resolved = provider.resolveCredentials();
      Secrets.remember(resolved.secretAccessKey());
      if (resolved instanceof AwsSessionCredentials session) {
        Secrets.remember(session.sessionToken());
      }
      return resolved;
    };
  }

  AwsCredentialsProvider provider() {
    return provider;
  }

  /** The credentials provider the settings ask for, checked by resolving it once. */
  static Credentials open(ConnectionSettings s, String region) throws SQLException {
    String choice = s.getChoice(ConnectionProperty.CREDENTIALS);
    Optional<String> roleArn = s.get(ConnectionProperty.ROLE_ARN);
    Credentials credentials;
    try {
      credentials = build(s, choice, region, roleArn);
    } catch (RuntimeException e) {
      // the SDK's profile provider throws as it reads a profile it cannot use
      throw SqlState.INVALID_AUTHORIZATION.exception(advice(choice, s, roleArn.orElse(null), e), e);
    }
    try {
      credentials.check(choice, s, roleArn.orElse(null));
    } catch (SQLException e) {
      credentials.close();
      throw e;
    }
    return credentials;
  }

  private static Credentials build(ConnectionSettings s, String choice, String region, Optional<String> roleArn)
      throws SQLException {
    AwsCredentialsProvider base = base(s, choice);
    if (roleArn.isEmpty()) {
      return new Credentials(base, closeable(base));
    }
    StsClient sts = sts(base, region, s.getUri(ConnectionProperty.STS_ENDPOINT).orElse(null),
        java.time.Duration.ofSeconds(s.getInt(ConnectionProperty.CONNECT_TIMEOUT_SECONDS)));
    StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn.get())
            .roleSessionName(s.get(ConnectionProperty.ROLE_SESSION_NAME).orElse(DEFAULT_SESSION_NAME))
            .externalId(s.get(ConnectionProperty.EXTERNAL_ID).orElse(null)))
        .build();
    return new Credentials(assumed, assumed, sts, closeable(base));
  }

  private static AwsCredentialsProvider base(ConnectionSettings s, String choice) throws SQLException {
    return switch (choice) {
      case "PROFILE" -> ProfileCredentialsProvider.builder()
          .profileName(s.require(ConnectionProperty.PROFILE, "when credentials=PROFILE")).build();
      case "STATIC" -> {
        String id = s.require(ConnectionProperty.ACCESS_KEY_ID, "when credentials=STATIC (or pass 'user')");
        String secret = s.require(ConnectionProperty.SECRET_ACCESS_KEY,
            "when credentials=STATIC (or pass 'password')");
        yield StaticCredentialsProvider.create(s.get(ConnectionProperty.SESSION_TOKEN)
            .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
            .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
      }
      default -> DefaultCredentialsProvider.builder().build();
    };
  }

  /** An STS client whose every call (AssumeRole at connect and at each refresh) ends within the connect timeout. */
  private static StsClient sts(AwsCredentialsProvider base, String region, URI endpoint, java.time.Duration timeout) {
    var builder = StsClient.builder().region(Region.of(region)).credentialsProvider(base)
        .overrideConfiguration(o -> o.apiCallTimeout(timeout));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /** Resolves the credentials once: anything the SDK throws becomes 28000 with what to do about it. */
  private void check(String choice, ConnectionSettings s, String roleArn) throws SQLException {
    try {
      provider.resolveCredentials();
    } catch (RuntimeException e) {
      throw SqlState.INVALID_AUTHORIZATION.exception(advice(choice, s, roleArn, e), e);
    }
  }

  private static String advice(String choice, ConnectionSettings s, String roleArn, RuntimeException e) {
    String cause = firstSentence(e.getMessage());
    String what = switch (choice) {
      case "PROFILE" -> "AWS profile '" + s.get(ConnectionProperty.PROFILE).orElse("") + "' gave no credentials ("
          + cause + "): check the profile in ~/.aws/config; for an SSO profile run 'aws sso login --profile "
          + s.get(ConnectionProperty.PROFILE).orElse("") + "'";
      case "STATIC" -> "The static AWS credentials are not usable (" + cause + ")";
      default -> "No AWS credentials found: set user/password with credentials=STATIC, a profile with"
          + " credentials=PROFILE&profile=NAME, or the SDK's default chain (AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials; after 'aws sso login' for SSO)";
    };
    return roleArn == null ? what : "Could not assume role " + roleArn + " (" + cause + "): check roleArn,"
        + " externalId and that the base credentials (credentials=" + choice + ") may call sts:AssumeRole";
  }

  /** The part of an SDK message before its first period or line break, at most 200 characters. */
  static String firstSentence(String message) {
    if (message == null) {
      return "no details";
    }
    String m = message.strip();
    int end = m.length();
    for (String stop : new String[] {". ", "\n", " (Service:"}) {
      int i = m.indexOf(stop);
      if (i > 0 && i < end) {
        end = i;
      }
    }
    m = m.substring(0, end);
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  private static AutoCloseable closeable(AwsCredentialsProvider provider) {
    return provider instanceof AutoCloseable c ? c : () -> { };
  }

  /** Closes the providers and the STS client this connection made (credential refresh threads among them). */
  @Override
  public void close() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
