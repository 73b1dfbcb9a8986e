package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.logging.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validated connection properties of one connection: the URL's values and the {@link Properties} merged,
 * defaults applied, every value checked against its {@link ConnectionProperty} declaration.
 */
public final class ConnectionSettings {


  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+){1,5}");
  /** IAM role ARNs in any partition: role names and paths take letters, digits and +=,.@_- (and / in paths). */
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,576}");

  private final boolean local;
  private final Map<ConnectionProperty, String> values;

  private ConnectionSettings(boolean local, Map<ConnectionProperty, String> values) {
    this.local = local;
    this.values = values;
  }

  /** Merges the URL and the properties; a key given in both with different values is an error, as in Trino. */
  public static ConnectionSettings of(ConnectionUrl url, Properties info) throws SQLException {
    Map<ConnectionProperty, String> values = new EnumMap<>(url.values());
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        ConnectionProperty p = ConnectionProperty.forKey(name);
        if (p == null) {
          throw SqlState.INVALID_CONNECTION_ATTRIBUTE.exception(
              "Unknown connection property '" + name + "'; known properties: " + knownKeys());
        }
        String value = info.getProperty(name);
        if (value.isEmpty()) {
          continue; // BI tools and SQLLine send blank user/password fields as empty strings: not set
        }
        String previous = values.putIfAbsent(p, value);
        if (previous != null && !previous.equals(value)) {
          throw SqlState.INVALID_CONNECTION_ATTRIBUTE.exception("Connection property '" + p.key()
              + "' is given both in the URL and in the properties, with different values");
        }
      }
    }
    values.forEach((p, v) -> {
      if (p.secret()) {
        Secrets.remember(v);
      }
    });
    ConnectionSettings settings = new ConnectionSettings(url.local(), values);
    for (ConnectionProperty p : ConnectionProperty.values()) {
      settings.validate(p);
    }
    return settings;
  }

  private void validate(ConnectionProperty p) throws SQLException {
    String v = values.get(p);
    if (v == null) {
      return;
    }
    try {
      switch (p.type()) {
        case INTEGER -> inRange(p, Integer.parseInt(v.trim()));
        case DOUBLE -> inRange(p, Double.parseDouble(v.trim()));
        case URI -> {
          URI u = new URI(v);
          if (u.getScheme() == null || u.getHost() == null
              || !u.getScheme().equalsIgnoreCase("http") && !u.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("must be an absolute http or https URL such as http://127.0.0.1:8089");
          }
          if (u.getPort() == 0 || u.getPort() > 65_535) {
            throw new IllegalArgumentException("port " + u.getPort() + " is not a TCP port (1 to 65535)");
          }
        }
        case CHOICE -> {
          if (!p.choices().contains(v.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("must be one of " + p.choices());
          }
        }
        case STRING -> {
          if (p == ConnectionProperty.REGION) {
            checkRegion(v);
          } else if (p == ConnectionProperty.ROLE_ARN) {
            checkRoleArn(v);
          }
        }
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      String shown = p.secret() || !UrlQuery.showable(v) ? "(not shown)" : "'" + v + "'";
      throw SqlState.INVALID_CONNECTION_ATTRIBUTE.exception(
          "Connection property '" + p.key() + "' has the invalid value " + shown + ": "
              + (shown.startsWith("'") ? e.getMessage() : e.getClass().getSimpleName()),
          shown.startsWith("'") ? e : null); // a cause would repeat the value that is not shown
    }
  }

  private static void inRange(ConnectionProperty p, double value) {
    if (!(value >= p.min() && value <= p.max())) { // NaN fails both
      throw new IllegalArgumentException("must be a number from " + number(p.min()) + " to " + number(p.max()));
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A region id as AWS spells them (us-east-1, eu-central-2): the SDK would refuse anything else deep inside. */
  static void checkRegion(String region) {
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("must be an AWS region id such as us-east-1");
    }
  }

  /**
   * An IAM role's ARN, checked before any STS call: a value that is not one (a typo that joined another URL
   * parameter to it, say) would otherwise come back, secrets and all, in STS's error message.
   */
  static void checkRoleArn(String roleArn) {
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw new IllegalArgumentException("must be an IAM role ARN such as arn:aws:iam::111122223333:role/Analyst");
    }
  }

  /** True for {@code jdbc:cleanrooms:local}: the in-process local Clean Rooms supplies endpoints and identity. */
  public boolean local() {
    return local;
  }

  /** The value, or its default; empty when neither is set. */
  public Optional<String> get(ConnectionProperty p) {
    return Optional.ofNullable(values.getOrDefault(p, p.defaultValue()));
  }

  public String require(ConnectionProperty p, String why) throws SQLException {
    return get(p).orElseThrow(() -> SqlState.INVALID_CONNECTION_ATTRIBUTE.exception(
        "Connection property '" + p.key() + "' is required " + why));
  }

  public int getInt(ConnectionProperty p) {
    return Integer.parseInt(get(p).orElseThrow().trim());
  }

  public double getDouble(ConnectionProperty p) {
    return Double.parseDouble(get(p).orElseThrow().trim());
  }

  public Optional<URI> getUri(ConnectionProperty p) {
    return get(p).map(URI::create);
  }

  public String getChoice(ConnectionProperty p) {
    return get(p).orElseThrow().toUpperCase(Locale.ROOT);
  }

  /** A copy with values filled in where the user set none (used for the local Clean Rooms' endpoints). */
  public ConnectionSettings withDefaults(Map<ConnectionProperty, String> defaults) {
    Map<ConnectionProperty, String> merged = new EnumMap<>(ConnectionProperty.class);
    merged.putAll(defaults);
    merged.putAll(values);
    return new ConnectionSettings(local, merged);
  }

  /** The connection's URL as {@code getURL()} shows it: the explicit non-secret values, never a secret. */
  public String displayUrl() {
    String query = values.entrySet().stream()
        .filter(e -> !e.getKey().secret()
            && e.getKey() != ConnectionProperty.REGION && e.getKey() != ConnectionProperty.MEMBERSHIP)
        .map(e -> e.getKey().key() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String membership = Optional.ofNullable(values.get(ConnectionProperty.MEMBERSHIP)).map(m -> "/" + m).orElse("");
    String base = local
        ? ConnectionUrl.PREFIX + "local" + membership
        : ConnectionUrl.PREFIX + "//" + get(ConnectionProperty.REGION).orElse("") + membership;
    return query.isEmpty() ? base : base + "?" + query;
  }

  /** The URL text with every secret value replaced by ***, for messages about a URL that did not parse. */
  public static String redactUrl(String url) {
    return UrlQuery.redact(url);
  }

  static String knownKeys() {
    return Arrays.stream(ConnectionProperty.values()).map(ConnectionProperty::key).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + displayUrl() + "]";
  }
}
