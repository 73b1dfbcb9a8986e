package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.Map;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The region of a connection: the URL's host or the {@code region} property, otherwise the SDK's region chain as
 * the AWS CLI reads it ({@code AWS_REGION}, {@code aws.region}, the profile's {@code region}, the instance's).
 */
final class Regions {
  private Regions() {}

  /** The settings with {@code region} filled in, so that getURL() shows the region the connection uses. */
  static ConnectionSettings resolve(ConnectionSettings s) throws SQLException {
    if (s.get(ConnectionProperty.REGION).isPresent()) {
      return s;
    }
    var chain = DefaultAwsRegionProviderChain.builder();
    if (s.getChoice(ConnectionProperty.CREDENTIALS).equals("PROFILE")) {
      s.get(ConnectionProperty.PROFILE).ifPresent(chain::profileName);
    }
    try {
      String region = chain.build().getRegion().id();
      ConnectionSettings.checkRegion(region);
      return s.withDefaults(Map.of(ConnectionProperty.REGION, region));
    } catch (RuntimeException e) {
      throw SqlState.INVALID_CONNECTION_ATTRIBUTE.exception("No AWS region for the connection: give it as the URL's"
          + " host (jdbc:cleanrooms://us-east-1/<membership>), the region property, AWS_REGION, or the profile's"
          + " region", e);
    }
  }
}
