package dev.cleanroomsjdbc.driver;

import java.util.List;
import java.util.Locale;

/**
 * Every connection property the driver accepts, declared once: URL parsing, {@code Driver.getPropertyInfo},
 * validation and the table in {@code docs/connection-properties.md} all read this list. Keep it sorted by key.
 */
public enum ConnectionProperty {
  ACCESS_KEY_ID("accessKeyId", Type.STRING, null, false,
      "AWS access key id, used when credentials=STATIC. The JDBC 'user' property is an alias."),
  CLEAN_ROOMS_ENDPOINT("cleanRoomsEndpoint", Type.URI, null, false,
      "Clean Rooms API endpoint override, e.g. a local Clean Rooms at http://127.0.0.1:8089. Default: the region's endpoint."),
  CONNECT_TIMEOUT_SECONDS("connectTimeoutSeconds", Type.INTEGER, "10", 1, 3600,
      "Longest time getConnection may take to open the membership (the TLS handshake, retries and an AssumeRole of roleArn included) before it fails with 08006."),
  CREDENTIALS("credentials", Type.CHOICE, "DEFAULT", false,
      "Where AWS credentials come from: DEFAULT (the SDK's default chain), PROFILE (a named profile) or STATIC (accessKeyId/secretAccessKey).",
      "DEFAULT", "PROFILE", "STATIC"),
  EXTERNAL_ID("externalId", Type.STRING, null, false,
      "External id to pass when assuming roleArn, if the role's trust policy asks for one."),
  MAX_RETRIES("maxRetries", Type.INTEGER, "3", 0, 100,
      "Retries of a throttled or failed Clean Rooms or S3 request (the SDK's standard retry strategy with backoff)."),
  MEMBERSHIP("membership", Type.STRING, null, false,
      "Membership id (or ARN) whose collaboration the connection opens. Also the path of the URL."),
  METADATA_CACHE_TTL_SECONDS("metadataCacheTtlSeconds", Type.INTEGER, "300", 0, 86_400,
      "How long the collaboration's metadata (membership, tables, templates, analysis rules) read by one connection serves the JVM's other connections of the same membership and identity, in seconds; CALL cleanrooms.refresh_metadata() drops it at once. 0: every connection reads its own."),
  POLL_INITIAL_INTERVAL_MS("pollInitialIntervalMs", Type.INTEGER, "250", 1, 3_600_000,
      "First wait between GetProtectedJob polls, in milliseconds; also the shortest wait. Polls average at most one per min(1 s, 4 x this)."),
  POLL_MAX_INTERVAL_MS("pollMaxIntervalMs", Type.INTEGER, "5000", 1, 3_600_000,
      "Longest wait between polls; each wait grows by pollMultiplier up to this, and never beyond 10% of the time the job has run."),
  POLL_MULTIPLIER("pollMultiplier", Type.DOUBLE, "1.5", 1, 10,
      "Growth of the wait between two polls."),
  PROFILE("profile", Type.STRING, null, false,
      "AWS profile name, used when credentials=PROFILE."),
  REGION("region", Type.STRING, null, false,
      "AWS region of the collaboration. Also the host of the URL. Default: the SDK's region chain (AWS_REGION, the profile's region)."),
  REUSE_WINDOW_SECONDS("reuseWindowSeconds", Type.INTEGER, "60", 0, 604_800,
      "An analysis template called again with the same arguments, by this membership, within this many seconds of its last run ending, reads that run's result again instead of running again (with a SQLWarning saying so). 0 runs every call."),
  ROLE_ARN("roleArn", Type.STRING, null, false,
      "IAM role to assume (STS AssumeRole) with the credentials the credentials property gives, e.g. arn:aws:iam::111122223333:role/Analyst."),
  ROLE_SESSION_NAME("roleSessionName", Type.STRING, "cleanrooms-jdbc", false,
      "Session name when assuming roleArn; it shows in CloudTrail."),
  S3_ENDPOINT("s3Endpoint", Type.URI, null, false,
      "S3 endpoint override for reading results (path-style access is used with an override)."),
  S3_READ_TIMEOUT_SECONDS("s3ReadTimeoutSeconds", Type.INTEGER, "10", 1, 3600,
      "How long a result read from S3 may wait for data before the connection counts as stalled and is reopened from the byte reached; a read that makes no progress fails with 58030 after at most 4 x 2 x this (80 s by default)."),
  SCHEMA("schema", Type.STRING, null, false,
      "SQL schema name under which the collaboration's tables and templates appear. Default: the collaboration name in lower case, with characters other than letters, digits and _ replaced by _."),
  SECRET_ACCESS_KEY("secretAccessKey", Type.STRING, null, true,
      "AWS secret access key, used when credentials=STATIC. The JDBC 'password' property is an alias. Never logged."),
  SESSION_TOKEN("sessionToken", Type.STRING, null, true,
      "AWS session token for temporary STATIC credentials. Never logged."),
  STS_ENDPOINT("stsEndpoint", Type.URI, null, false,
      "STS endpoint override for assuming roleArn (a VPC endpoint, or a local Clean Rooms). Default: the region's endpoint.");

  /** How a property's text is read. */
  public enum Type { STRING, INTEGER, DOUBLE, URI, CHOICE }

  private final String key;
  private final Type type;
  private final String defaultValue;
  private final boolean secret;
  private final String description;
  private final List<String> choices;
  private final double min;
  private final double max;

  ConnectionProperty(String key, Type type, String defaultValue, boolean secret, String description, String... choices) {
    this(key, type, defaultValue, secret, Double.NaN, Double.NaN, description, choices);
  }

  /** A number within [min, max]: anything else (NaN, an overflow, a port 99999) is refused at connect. */
  ConnectionProperty(String key, Type type, String defaultValue, double min, double max, String description) {
    this(key, type, defaultValue, false, min, max, description);
  }

  private ConnectionProperty(String key, Type type, String defaultValue, boolean secret, double min, double max,
      String description, String... choices) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.min = min;
    this.max = max;
    this.description = description;
    this.choices = List.of(choices);
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** The default as text, or null when the property has none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** Secret values never appear in logs, exceptions, {@code getURL()} or metadata. */
  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  public List<String> choices() {
    return choices;
  }

  /** The smallest value a numeric property takes (NaN for other types). */
  public double min() {
    return min;
  }

  /** The largest value a numeric property takes (NaN for other types). */
  public double max() {
    return max;
  }

  /** The property with this key (case-insensitive), or null. The JDBC standard user/password map to the keys. */
  public static ConnectionProperty forKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.equals("user")) {
      return ACCESS_KEY_ID;
    }
    if (k.equals("password")) {
      return SECRET_ACCESS_KEY;
    }
    for (ConnectionProperty p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(k)) {
        return p;
      }
    }
    return null;
  }
}
