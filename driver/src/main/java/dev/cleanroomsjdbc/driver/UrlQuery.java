package dev.cleanroomsjdbc.driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code key=value} pairs of a URL's query, split so that a secret can never leak through a message: a secret's
 * value runs on over any {@code &} that is not followed by a property's key (a secret with a raw {@code &} in it),
 * and a key is known by its decoded spelling ({@code secret%41ccessKey} is secretAccessKey).
 */
record UrlQuery(List<Pair> pairs) {

  /** One pair; {@code key} is null for a fragment that is not key=value. */
  record Pair(String rawKey, ConnectionProperty key, String rawValue, String text) {
    /** Whether the value is a secret, or may be one (an unknown key's value is shown to no one either). */
    boolean hidden() {
      return key == null || key.secret();
    }
  }

  static UrlQuery of(String query) {
    List<Pair> pairs = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return new UrlQuery(pairs);
    }
    for (String segment : query.split("&", -1)) {
      int eq = segment.indexOf('=');
      String rawKey = eq < 0 ? segment : segment.substring(0, eq);
      ConnectionProperty key = eq <= 0 ? null : ConnectionProperty.forKey(lenientDecode(rawKey));
      Pair last = pairs.isEmpty() ? null : pairs.get(pairs.size() - 1);
      if (key == null && last != null && last.key() != null && last.key().secret()) {
        // not a key of ours after a secret: the rest of that secret, which had an & in it
        String value = last.rawValue() + "&" + segment;
        pairs.set(pairs.size() - 1, new Pair(last.rawKey(), last.key(), value, last.rawKey() + "=" + value));
        continue;
      }
      pairs.add(new Pair(rawKey, key, eq < 0 ? null : segment.substring(eq + 1), segment));
    }
    return new UrlQuery(pairs);
  }

  /**
   * The URL for a message: every value of a secret or unknown key (which may be a secret misspelt), and every
   * value that holds {@code =} or {@code ?} (a typo that may have swallowed a secret pair), as ***. Works on text
   * that does not parse too: each {@code key=value} between {@code ?} and {@code &} is judged alone (the base
   * is shown with {@code &} for the {@code ?}: a message never needs it exact).
   */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    List<Pair> pairs = of(url.replace('?', '&')).pairs();
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      shown.append(i == 0 ? "" : "&");
      if (p.rawValue() == null) {
        shown.append(i == 0 || p.text().length() <= 40 ? p.text() : "..."); // the first is the URL's base
      } else {
        shown.append(p.rawKey()).append('=').append(p.hidden() || !showable(p.rawValue()) ? "***" : p.rawValue());
      }
    }
    return shown.toString();
  }

  /** Whether a non-secret value may be echoed: one with = or ? in it may hold a secret pair a typo joined to it. */
  static boolean showable(String value) {
    return value.indexOf('=') < 0 && value.indexOf('?') < 0 && value.indexOf('&') < 0;
  }

  /** The decoded text, or the text as it is where its percent-encoding is broken. */
  static String lenientDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
