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
    for (UrlQuery.Pair pair : UrlQuery.of(query).pairs()) {
      if (pair.text().isEmpty()) {
        continue;
      }
      if (pair.rawValue() == null || pair.rawKey().isEmpty()) {
        throw malformed(url, "'" + (pair.rawValue() == null ? shorten(pair.text()) : "=...")
            + "' is not key=value (percent-encode & and = inside a value as %26 and %3D)");
      }
      ConnectionProperty property = pair.key();
      if (property == null) {
        throw malformed(url, "unknown property '" + shorten(pair.rawKey()) + "'; known properties: "
            + ConnectionSettings.knownKeys());
      }
      if (property.secret() && pair.rawValue().contains("&")) {
        throw malformed(url, "the value of " + property.key() + " runs on after an & into text that is no property;"
            + " percent-encode an & inside a value as %26");
      }
      if (values.containsKey(property)) {
        throw malformed(url, "property '" + property.key() + "' is given twice");
      }
      String value = decode(pair.rawValue(), url, property);
      if (!value.isEmpty()) {
        values.put(property, value); // key= leaves the property unset, as a blank field in a form does
      }
    }
  }

  private static void putIfPresent(Map<ConnectionProperty, String> values, ConnectionProperty p, String v, String url)
      throws SQLException {
    if (v != null && !v.isEmpty()) {
      values.put(p, decode(v, url, p == ConnectionProperty.MEMBERSHIP ? null : p));
    }
  }

  private static String decode(String s, String url, ConnectionProperty property) throws SQLException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(url, "bad percent-encoding in the value of " + (property == null ? "the URL's path"
          : property.key() + (property.secret() || !UrlQuery.showable(s) ? "" : ": '" + shorten(s) + "'"))
          + " (write % itself as %25)");
    }
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static SQLException malformed(String url, String why) {
    return SqlState.INVALID_CONNECTION_ATTRIBUTE.exception(
        "Malformed Clean Rooms JDBC URL '" + UrlQuery.redact(url) + "': " + why);
  }
}
