package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:cleanrooms:} URL. Two forms:
 *
 * <pre>
 *   jdbc:cleanrooms:local[/MEMBERSHIP][?key=value&amp;...]        the in-process local Clean Rooms and its demo
 *   jdbc:cleanrooms://REGION[/MEMBERSHIP][?key=value&amp;...]     AWS, or any endpoint named by cleanRoomsEndpoint
 * </pre>
 */
public record ConnectionUrl(boolean local, Map<ConnectionProperty, String> values) {

  public static final String PREFIX = "jdbc:cleanrooms:";

  private static final Pattern LOCAL = Pattern.compile("local(?:/([^/?]+))?/?(?:\\?(.*))?");
  private static final Pattern REMOTE = Pattern.compile("//([^/?]*)(?:/([^/?]+))?/?(?:\\?(.*))?");

  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /** Parses the URL; a malformed one is an {@link SqlState#INVALID_CONNECTION_ATTRIBUTE} naming what is wrong. */
  public static ConnectionUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw malformed(url, "it does not start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
    Matcher local = LOCAL.matcher(rest);
    if (local.matches()) {
      putIfPresent(values, ConnectionProperty.MEMBERSHIP, local.group(1), url);
      parseQuery(local.group(2), values, url);
      return new ConnectionUrl(true, values);
    }
    Matcher remote = REMOTE.matcher(rest);
    if (remote.matches()) {
      putIfPresent(values, ConnectionProperty.REGION, remote.group(1), url);
      putIfPresent(values, ConnectionProperty.MEMBERSHIP, remote.group(2), url);
      parseQuery(remote.group(3), values, url);
      return new ConnectionUrl(false, values);
    }
    throw malformed(url, "expected " + PREFIX + "local[/MEMBERSHIP][?key=value&...] or "
        + PREFIX + "//REGION[/MEMBERSHIP][?key=value&...]");
  }

  private static void parseQuery(String query, Map<ConnectionProperty, String> values, String url) throws SQLException {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw malformed(url, "'" + redactPair(pair) + "' is not key=value");
      }
      String key = decode(pair.substring(0, eq), url);
      ConnectionProperty property = ConnectionProperty.forKey(key);
      if (property == null) {
        throw malformed(url, "unknown property '" + key + "'; known properties: " + ConnectionSettings.knownKeys());
      }
      if (values.containsKey(property)) {
        throw malformed(url, "property '" + property.key() + "' is given twice");
      }
      String value = decode(pair.substring(eq + 1), url);
      if (!value.isEmpty()) {
        values.put(property, value); // key= leaves the property unset, as a blank field in a form does
      }
    }
  }

  private static void putIfPresent(Map<ConnectionProperty, String> values, ConnectionProperty p, String v, String url)
      throws SQLException {
    if (v != null && !v.isEmpty()) {
      values.put(p, decode(v, url));
    }
  }

  private static String decode(String s, String url) throws SQLException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(url, "bad percent-encoding in '" + s + "'");
    }
  }

  private static String redactPair(String pair) {
    return pair.length() > 40 ? pair.substring(0, 40) + "..." : pair;
  }

  private static SQLException malformed(String url, String why) {
    return SqlState.INVALID_CONNECTION_ATTRIBUTE.exception(
        "Malformed Clean Rooms JDBC URL '" + ConnectionSettings.redactUrl(url) + "': " + why);
  }
}
