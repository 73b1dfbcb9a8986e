package dev.cleanroomsjdbc.driver;

import java.sql.SQLException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The AWS credentials provider that the {@code credentials} property asks for. */
final class Credentials {
  private Credentials() {}

  static AwsCredentialsProvider from(ConnectionSettings s) throws SQLException {
    return switch (s.getChoice(ConnectionProperty.CREDENTIALS)) {
      case "PROFILE" -> ProfileCredentialsProvider.builder()
          .profileName(s.require(ConnectionProperty.PROFILE, "when credentials=PROFILE")).build();
      case "STATIC" -> {
        String id = s.require(ConnectionProperty.ACCESS_KEY_ID, "when credentials=STATIC (or pass 'user')");
        String secret = s.require(ConnectionProperty.SECRET_ACCESS_KEY,
            "when credentials=STATIC (or pass 'password')");
        yield StaticCredentialsProvider.create(s.get(ConnectionProperty.SESSION_TOKEN)
            .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                token -> AwsSessionCredentials.create(id, secret, token))
            .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
      }
      default -> DefaultCredentialsProvider.builder().build();
    };
  }
}
