package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.fixture.FixtureCollaboration;
import dev.cleanroomsjdbc.local.fixture.FixtureFile;
import dev.cleanroomsjdbc.local.fixture.FixtureIds;
import dev.cleanroomsjdbc.local.fixture.FixtureLoader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/**
 * The demo collaboration, declared by the fixture {@value #FIXTURE} and applied through the real SDK client, as
 * two AWS accounts would set it up: an advertiser (who runs jobs and queries and receives results) and a
 * publisher, each sharing one table, plus three job templates.
 */
public final class DemoCollaboration {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCollaboration.class);

  public static final String REGION = "us-east-1";
  public static final String ADVERTISER_ACCOUNT = "111111111111";
  public static final String ADVERTISER_ACCESS_KEY = "AKIALOCALADVERTISER01";
  public static final String ADVERTISER_SECRET = "local-advertiser-secret";
  public static final String PUBLISHER_ACCOUNT = "222222222222";
  public static final String PUBLISHER_ACCESS_KEY = "AKIALOCALPUBLISHER001";
  public static final String PUBLISHER_SECRET = "local-publisher-secret";
  public static final String RESULT_BUCKET = "demo-results";
  public static final String RESULT_KEY_PREFIX = "jobs";
  public static final String QUERY_RESULT_KEY_PREFIX = "queries";
  public static final String CODE_BUCKET = "demo-code";
  /** The classpath resource of the demo fixture (docs/fixtures.md describes the format). */
  public static final String FIXTURE = "dev/cleanroomsjdbc/local/demo-fixture.yaml";
  private static final String NAME = "demo";

  /** What the demo created: ids to put in a JDBC URL, and the templates' ARNs by name. */
  public record Demo(
      String collaborationId,
      String advertiserMembershipId,
      String publisherMembershipId,
      Map<String, String> templateArns) {}

  private DemoCollaboration() {}

  /** Builds an SDK client for the local endpoint: us-east-1, static credentials, no retries. */
  public static CleanRoomsClient client(URI endpoint, String accessKeyId, String secretAccessKey) {
    return CleanRoomsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Applies the demo fixture: registers the demo accounts, writes the demo data and code to local S3, and creates
   * the collaboration; reuses the demo when the state loaded from the data directory has it.
   */
  static Demo seed(LocalCleanRooms local) {
    FixtureFile fixture = FixtureFile.resource(FIXTURE);
    FixtureLoader.registerAccounts(local, fixture);
    List<String> templateNames = fixture.fixture().collaborations().get(0).templates().stream()
        .map(FixtureCollaboration.Template::name).toList();
    // State loaded from a data directory may hold the demo already, with its data and code in local S3.
    Optional<Demo> existing = ExistingDemo.find(local.endpoint(), templateNames);
    if (existing.isPresent()) {
      LOG.info("demo collaboration {} found in the saved state: reused", existing.get().collaborationId());
      return existing.get();
    }
    FixtureIds ids = FixtureLoader.apply(local, fixture);
    Map<String, String> templates = new LinkedHashMap<>();
    templateNames.forEach(name -> templates.put(name, ids.templateArn(NAME, name)));
    return new Demo(ids.collaboration(NAME), ids.membership(NAME, "advertiser"), ids.membership(NAME, "publisher"),
        Map.copyOf(templates));
  }
}
