package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials and regions users configure in {@code ~/.aws}, through the jar in a JVM of its own whose
 * environment is a user's shell (HOME, AWS_CONFIG_FILE...; no AWS keys): SSO sessions (new and legacy form),
 * role_arn/source_profile, web identity, credential_process, an explicit roleArn with external id and session
 * name, and the SDK's region chain. No network: the standalone local Clean Rooms answers STS and the SSO portal
 * ({@code AWS_ENDPOINT_URL_STS}/{@code AWS_ENDPOINT_URL_SSO}). Every role and SSO role is in the advertiser's
 * account, and the source credentials are the publisher's, so a connection that opens the advertiser's membership
 * proves that the role was assumed.
 */
@Timeout(300)
class CredentialsIT {
  private static final String ROLE = "arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/Analyst";

  @TempDir
  static Path home;

  private static HostRun run;
  /** A shell with AWS_REGION set. */
  private static HostRun regionFromEnvironment;
  private static StandaloneLocal local;

  @BeforeAll
  static void connectWithEachKindOfCredentials() throws Exception {
    local = StandaloneLocal.shared();
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Path token = Files.writeString(home.resolve("web-identity-token"), "local-web-identity-token");
    Path process = home.resolve("credential-process.sh");
    Files.writeString(process, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \""
        + DemoCollaboration.ADVERTISER_ACCESS_KEY + "\", \"SecretAccessKey\": \"" + DemoCollaboration.ADVERTISER_SECRET
        + "\"}'\n");
    Files.setPosixFilePermissions(process, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(aws.resolve("config"), String.join("\n",
        "[profile sso-analyst]", "sso_session = corp", "sso_account_id = " + DemoCollaboration.ADVERTISER_ACCOUNT,
        "sso_role_name = Analyst", "region = us-east-1", "",
        "[sso-session corp]", "sso_start_url = https://corp.awsapps.com/start", "sso_region = us-east-1",
        "sso_registration_scopes = sso:account:access", "",
        "[profile legacy-sso]", "sso_start_url = https://legacy.awsapps.com/start", "sso_region = us-east-1",
        "sso_account_id = " + DemoCollaboration.ADVERTISER_ACCOUNT, "sso_role_name = Analyst", "region = us-east-1", "",
        "[profile expired-sso]", "sso_session = lapsed", "sso_account_id = " + DemoCollaboration.ADVERTISER_ACCOUNT,
        "sso_role_name = Analyst", "region = us-east-1", "",
        "[sso-session lapsed]", "sso_start_url = https://lapsed.awsapps.com/start", "sso_region = us-east-1", "",
        "[profile publisher]", "region = us-east-1", "",
        "[profile assume-advertiser]", "role_arn = " + ROLE, "source_profile = publisher", "region = us-east-1", "",
        "[profile web]", "role_arn = " + ROLE, "web_identity_token_file = " + token, "region = us-east-1", "",
        "[profile process]", "credential_process = " + process, "region = eu-west-2", ""));
    Files.writeString(aws.resolve("credentials"), String.join("\n", "[publisher]",
        "aws_access_key_id = " + DemoCollaboration.PUBLISHER_ACCESS_KEY,
        "aws_secret_access_key = " + DemoCollaboration.PUBLISHER_SECRET, ""));
    Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
    ssoToken(cache, "corp", "https://corp.awsapps.com/start", "2099-01-01T00:00:00Z");
    ssoToken(cache, "https://legacy.awsapps.com/start", "https://legacy.awsapps.com/start", "2099-01-01T00:00:00Z");
    ssoToken(cache, "lapsed", "https://lapsed.awsapps.com/start", "2020-01-01T00:00:00Z");

    String endpoints = "cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3Endpoint();
    String remote = "jdbc:cleanrooms://us-east-1/" + local.membershipId() + "?" + endpoints;
    String noRegion = "jdbc:cleanrooms:///" + local.membershipId() + "?" + endpoints;
    Path cases = Files.writeString(home.resolve("cases.txt"), String.join("\n",
        "sso|" + remote + "&credentials=PROFILE&profile=sso-analyst|",
        "legacySso|" + remote + "&credentials=PROFILE&profile=legacy-sso|",
        "expiredSso|" + remote + "&credentials=PROFILE&profile=expired-sso|",
        "sourceProfile|" + remote + "&credentials=PROFILE&profile=assume-advertiser|",
        "process|" + remote + "&credentials=PROFILE&profile=process|",
        "explicitRole|" + remote + "&credentials=STATIC&roleArn=" + ROLE + "&externalId=partner-42"
            + "&roleSessionName=tableau-refresh&stsEndpoint=" + local.endpoint() + "|user="
            + DemoCollaboration.PUBLISHER_ACCESS_KEY + "&password=" + DemoCollaboration.PUBLISHER_SECRET,
        "badRole|" + remote + "&credentials=STATIC&roleArn=arn:aws:iam::999999999999:role/Nobody|user="
            + DemoCollaboration.PUBLISHER_ACCESS_KEY + "&password=" + DemoCollaboration.PUBLISHER_SECRET,
        "none|" + remote + "|",
        "unknownKey|" + remote + "&credentials=STATIC|user=AKIANOBODYKNOWS00000&password=x",
        "profileRegion|" + noRegion + "&credentials=PROFILE&profile=process|",
        "noRegion|" + noRegion + "&credentials=STATIC|user=" + DemoCollaboration.ADVERTISER_ACCESS_KEY
            + "&password=" + DemoCollaboration.ADVERTISER_SECRET, ""));
    List<String> command = List.of("-cp", DriverJar.path().toString(), "-Duser.home=" + home,
        DriverJar.hostProgram("CredentialsHost.java").toString(), cases.toString());
    run = HostRun.java(home, command, shell(Map.of()), AWS_VARIABLES).succeeded();
    // the SDK's web identity provider takes its STS region from AWS_REGION, as on EKS, not from the profile
    Path regionCases = Files.writeString(home.resolve("region-cases.txt"), String.join("\n",
        "envRegion|" + noRegion + "&credentials=STATIC|user=" + DemoCollaboration.ADVERTISER_ACCESS_KEY
            + "&password=" + DemoCollaboration.ADVERTISER_SECRET,
        "webIdentity|" + remote + "&credentials=PROFILE&profile=web|", ""));
    regionFromEnvironment = HostRun.java(Files.createDirectories(home.resolve("second")),
        List.of("-cp", DriverJar.path().toString(), "-Duser.home=" + home,
            DriverJar.hostProgram("CredentialsHost.java").toString(), regionCases.toString()),
        shell(Map.of("AWS_REGION", "ap-southeast-2")), AWS_VARIABLES).succeeded();
  }

  /** Whatever the CI machine has set for AWS: a user without keys in the environment. */
  private static final List<String> AWS_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
      "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL");

  private static Map<String, String> shell(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", home.toString(),
        "AWS_CONFIG_FILE", home.resolve(".aws/config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString(),
        "AWS_ENDPOINT_URL_STS", local.endpoint().toString(), "AWS_ENDPOINT_URL_SSO", local.endpoint().toString(),
        "AWS_EC2_METADATA_DISABLED", "true"));
    env.putAll(more);
    return env;
  }

  /** The token {@code aws sso login} caches: the file is named by the SHA-1 of the session name or start URL. */
  private static void ssoToken(Path cache, String key, String startUrl, String expiresAt) throws Exception {
    String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
        .digest(key.getBytes(StandardCharsets.UTF_8))) + ".json";
    Files.writeString(cache.resolve(name), "{\"startUrl\": \"" + startUrl + "\", \"region\": \"us-east-1\","
        + " \"accessToken\": \"local-sso-token\", \"expiresAt\": \"" + expiresAt + "\"}");
  }

  private static void opened(String name) {
    assertEquals(local.membershipId(), run.value(name + ".user"), run::toString);
  }

  private static void refused(String name, String state, String mentions) {
    assertEquals(state, run.value(name + ".state"), run::toString);
    String message = run.value(name + ".message");
    assertTrue(message.contains(mentions), message);
    assertTrue(message.length() < 400, "a short message, not the SDK's list of providers: " + message);
  }

  @Test
  void anSsoSessionProfileConnectsWithTheTokenAwsSsoLoginCached() {
    opened("sso");
  }

  @Test
  void aLegacySsoProfileConnects() {
    opened("legacySso");
  }

  @Test
  void anExpiredSsoTokenIs28000SayingToLogInAgain() {
    refused("expiredSso", "28000", "aws sso login --profile expired-sso");
  }

  @Test
  void aRoleArnWithASourceProfileAssumesTheRole() {
    opened("sourceProfile");
  }

  @Test
  void aWebIdentityProfileAssumesTheRoleWithItsToken() {
    assertEquals(local.membershipId(), regionFromEnvironment.value("webIdentity.user"),
        regionFromEnvironment::toString);
  }

  @Test
  void aCredentialProcessProfileRunsTheProcess() {
    opened("process");
  }

  @Test
  void anExplicitRoleArnWithExternalIdAndSessionNameIsAssumedWithTheGivenCredentials() {
    opened("explicitRole");
  }

  @Test
  void aRoleThatCannotBeAssumedIs28000NamingIt() {
    refused("badRole", "28000", "arn:aws:iam::999999999999:role/Nobody");
  }

  @Test
  void noCredentialsAtAllIs28000SayingWhereToGiveThem() {
    refused("none", "28000", "credentials=STATIC");
  }

  @Test
  void keysCleanRoomsRefusesAre28000() {
    refused("unknownKey", "28000", "refused the credentials");
  }

  @Test
  void withoutARegionTheProfilesRegionIsUsed() {
    opened("profileRegion");
    assertTrue(run.value("profileRegion.url").startsWith("jdbc:cleanrooms://eu-west-2/"), run::toString);
  }

  @Test
  void withoutARegionAwsRegionIsUsed() {
    assertTrue(regionFromEnvironment.value("envRegion.url").startsWith("jdbc:cleanrooms://ap-southeast-2/"),
        regionFromEnvironment::toString);
  }

  @Test
  void withoutAnyRegionTheConnectionSaysWhereToGiveOne() {
    refused("noRegion", "08001", "AWS_REGION");
  }
}
