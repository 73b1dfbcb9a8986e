package dev.cleanroomsjdbc.local.engine;

/** Finds where a quoted SQL literal or identifier ends, for scanners that must skip over quoted text. */
public final class SqlQuotes {
  private SqlQuotes() {}

  /**
   * The index of the quote that closes the one at {@code start} (a {@code '}, {@code "} or backtick); a doubled
   * quote, or a backslash outside backticks, escapes. An unclosed quote runs to the end of {@code s}.
   */
  public static int closingQuote(String s, int start) {
    char quote = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i;
        }
      } else {
        i++;
      }
    }
    return s.length() - 1;
  }
}
