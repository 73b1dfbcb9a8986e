package dev.cleanroomsjdbc.driver;

import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * Random inputs for {@link EveryFailureIsAnSqlExceptionTest}: URLs, connection properties, SQL and CALL text,
 * built from fragments users and tools really send plus mutations of them. Deterministic for a seed.
 */
final class FuzzInputs {
  /** Marker secrets: none of them may show in anything the driver says. */
  static final String SECRET = "FuzzSecretKeyMarker0123456789";
  static final String TOKEN = "FuzzSessionTokenMarker0123456789";

  private static final List<String> PREFIXES = List.of("jdbc:cleanrooms:", "jdbc:cleanrooms://", "jdbc:cleanrooms:///",
      "jdbc:cleanrooms:local", "jdbc:cleanrooms:local/", "jdbc:CLEANROOMS://", "jdbc:cleanrooms:/", "jdbc:cleanroom://",
      "jdbc:cleanrooms:local?", "jdbc:cleanrooms://?");
  private static final List<String> REGIONS = List.of("", " ", "a b", "a%20b", "us-east-1", "US-EAST-1", "é", "%",
      "%zz", "x".repeat(300), "us-east-1:443", "..", "[::1]", "eu-west-2", "us-east-1?", "us_east_1", "\t", "%00");
  private static final List<String> MEMBERSHIPS = List.of("", "m", "/", "%2F", "a b", "é😀", "x".repeat(500),
      "12345678-1234-1234-1234-123456789012", "arn:aws:cleanrooms:us-east-1:111111111111:membership/m", "%", "?");
  private static final List<String> KEYS = List.of("accessKeyId", "cleanRoomsEndpoint", "credentials", "externalId",
      "maxRetries", "membership", "pollInitialIntervalMs", "pollMaxIntervalMs", "pollMultiplier", "profile", "region",
      "reuseWindowSeconds", "roleArn", "roleSessionName", "s3Endpoint", "schema", "secretAccessKey", "sessionToken",
      "stsEndpoint", "connectTimeoutSeconds", "user", "password", "bogus", "", "secret%41ccessKey",
      "SECRETACCESSKEY", "session%54oken", "%zz", "pass%word", "a b");
  private static final List<String> VALUES = List.of("", "0", "1", "-1", "3", "NaN", "Infinity", "-Infinity", "1e309",
      "2147483647", "2147483648", "99999999999", "-2147483648", " 5 ", "0x10", "1.5", "0.5", "STATIC", "static",
      "PROFILE", "DEFAULT", "NONE", "http://127.0.0.1:99999", "http://127.0.0.1:0", "http://[::1", "ftp://x",
      "http://", "not a url", "https://", "http://127.0.0.1:1", "arn:aws:iam::1:role/r", "é😀", "%", "%zz", "a%2",
      "'", "\"", "x".repeat(2000), "&", "=");
  private static final List<String> SECRET_VALUES = List.of(SECRET, TOKEN, SECRET + "%zz", "%" + SECRET, "%zz" + TOKEN,
      SECRET + "&", TOKEN + "=x", "%2" + SECRET, SECRET + "%E9", "'" + TOKEN + "'");
  private static final List<String> SEPARATORS = List.of("&", "&", "&", "&&", "&=&", "?", "&%zz", "&&&");

  private final Random random;

  FuzzInputs(long seed) {
    this.random = new Random(seed);
  }

  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A URL of the driver's two forms, or near them; secrets always come with a safe endpoint (no AWS, no DNS). */
  String url() {
    StringBuilder url = new StringBuilder(pick(PREFIXES));
    if (url.toString().endsWith("//")) {
      url.append(pick(REGIONS));
    }
    if (chance(0.7)) {
      url.append('/').append(pick(MEMBERSHIPS));
    }
    int pairs = random.nextInt(5);
    url.append(chance(0.9) ? "?" : "");
    for (int i = 0; i < pairs; i++) {
      url.append(i == 0 ? "" : pick(SEPARATORS)).append(pair());
    }
    // Never the real AWS endpoints or the SDK's default chain (instance metadata): an unreachable local port.
    url.append("&cleanRoomsEndpoint=http://127.0.0.1:1&stsEndpoint=http://127.0.0.1:1&s3Endpoint=http://127.0.0.1:1")
        .append("&maxRetries=0&connectTimeoutSeconds=2")
        .append("&credentials=STATIC&secretAccessKey=").append(SECRET).append("&sessionToken=").append(TOKEN);
    return url.toString();
  }

  private String pair() {
    int shape = random.nextInt(10);
    String key = pick(KEYS);
    String value = isSecret(key) ? pick(SECRET_VALUES) : pick(VALUES);
    return switch (shape) {
      case 0 -> key;
      case 1 -> key + "=" + value + "=" + pick(VALUES);
      case 2 -> "=" + value;
      default -> key + "=" + value;
    };
  }

  private static boolean isSecret(String key) {
    return List.of("secretaccesskey", "sessiontoken", "password", "secret%41ccesskey", "session%54oken", "pass%word")
        .contains(key.toLowerCase(java.util.Locale.ROOT));
  }

  /** Connection properties as tools send them (blank fields, user/password, odd values). */
  Properties properties() {
    Properties p = new Properties();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      String key = pick(KEYS);
      p.setProperty(key, isSecret(key) ? pick(SECRET_VALUES) : pick(VALUES));
    }
    if (chance(0.97)) {
      // most sets fail before the network: one entry the driver must refuse, of many kinds
      p.setProperty(pick(List.of("maxRetries", "pollMultiplier", "pollInitialIntervalMs", "pollMaxIntervalMs",
          "reuseWindowSeconds", "connectTimeoutSeconds", "cleanRoomsEndpoint", "s3Endpoint", "stsEndpoint",
          "credentials", "region", "bogus" + nextInt(100))), pick(List.of("NaN", "-1", "99999999999", "x", "1e309",
          "http://127.0.0.1:99999", "ftp://h", "a b", " ", "Infinity", "0x1", "NONE", "%zz")));
    }
    p.setProperty("secretAccessKey", SECRET);
    p.setProperty("sessionToken", TOKEN);
    return p;
  }

  private static final List<String> TOKENS = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "LIMIT",
      "JOIN", "ON", "AS", "OVER", "(", ")", ",", "*", "+", "-", "/", "=", "<>", "'", "\"", "`", "?", ";", "--", "/*",
      "*/", "{", "}", "{call", "{fn", "CALL", "customers", "impressions", "segment", "customer_id", "lifetime_value",
      "NULL", "1", "0", "-1", "1e400", "99999999999999999999999999999999", "'é😀'", "'שלום'", "'e\u0301'", "TRUE",
      "CAST", "DATE", "TIMESTAMP", "INTERVAL", "ROW_NUMBER()", "PARTITION", "CASE", "WHEN", "THEN", "END", "NOT",
      "IN", "EXISTS", "UNION", "VALUES", "TABLE", "cleanrooms.protected_jobs", "customers_by_segment", "typed_rows",
      "\u0000", "\uFFFF", "\uD800", "x".repeat(200));

  /** One of the statements, mutated: tokens dropped, doubled, swapped, inserted, or the text cut short. */
  String mutate(List<String> corpus) {
    String[] words = pick(corpus).split(" ");
    List<String> tokens = new java.util.ArrayList<>(List.of(words));
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && !tokens.isEmpty(); i++) {
      int at = random.nextInt(tokens.size());
      switch (random.nextInt(5)) {
        case 0 -> tokens.remove(at);
        case 1 -> tokens.add(at, tokens.get(at));
        case 2 -> tokens.add(at, pick(TOKENS));
        case 3 -> tokens.set(at, pick(TOKENS));
        default -> {
          String joined = String.join(" ", tokens);
          return joined.substring(0, random.nextInt(joined.length() + 1));
        }
      }
    }
    return String.join(" ", tokens);
  }

  /** An expression nested {@code depth} deep, in one of the shapes that recurse in parsers and planners. */
  String deep(int depth) {
    String one = switch (random.nextInt(5)) {
      case 0 -> "1" + " + 1".repeat(depth);
      case 1 -> "(".repeat(depth) + "1" + ")".repeat(depth);
      case 2 -> "NOT ".repeat(depth) + "TRUE";
      case 3 -> "ABS(".repeat(depth) + "1" + ")".repeat(depth);
      default -> "CASE WHEN 1 = 1 THEN ".repeat(depth) + "1" + " END".repeat(depth);
    };
    return "SELECT " + one + " FROM (VALUES (1)) t(x)";
  }

  private static final List<String> NOT_INTEGERS = List.of("'x'", "''", "'é😀'", "'שלום עולם'", "'e\u0301'",
      "'a''b'", "x", "TRUE", "DATE '2024-01-01'", "'" + "x".repeat(5000) + "'", "'\u0000'", "'\uD83D'");

  /**
   * A CALL that cannot run (a template with the wrong number of arguments, or arguments of the wrong type, or none
   * at all): planning a template call that can run runs it, and the fuzz test keeps the runs bounded.
   */
  String call() {
    String template = pick(List.of("customers_by_segment", "typed_rows", "nope", "segment_report", "demo.typed_rows"));
    // customers_by_segment takes one or two (one has a default): three or more, or two that are not integers
    int n = template.equals("customers_by_segment") ? pick(List.of(2, 3, 4)) : 1 + random.nextInt(3);
    List<String> args = new java.util.ArrayList<>();
    for (int a = 0; a < n; a++) {
      args.add(n == 2 ? pick(NOT_INTEGERS) : argument());
    }
    String call = template + "(" + String.join(", ", args) + ")";
    return pick(List.of("CALL " + call, "{call " + call + "}", "{ CALL " + call + " }", "SELECT * FROM TABLE(" + call
        + ")", "call " + call + ";"));
  }

  /** A literal as a CALL argument: numbers out of range, odd strings, NULL, markers, expressions. */
  String argument() {
    return pick(List.of("0", "-1", "1.5", "2147483648", "99999999999999999999999999", "NULL", "'x'", "''", "'é😀'",
        "'שלום עולם'", "'e\u0301'", "'''", "'a''b'", "?", "1 + 1", "CAST(NULL AS INTEGER)", "DATE '2024-01-01'",
        "'" + "x".repeat(5000) + "'", "TRUE", "x", "(SELECT 1)", "'\u0000'", "'\uD83D'"));
  }
}
