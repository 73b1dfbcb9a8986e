package dev.cleanroomsjdbc.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replacements made in a statement's text before Calcite reads it ({@link CallSyntax}, bound template arguments),
 * kept so that the positions in Calcite's messages ("At line 1, column 60") can be told in the text the user
 * wrote.
 */
final class SqlEdits {
  /** "line L, column C", as Calcite's parser and validator write positions. */
  private static final Pattern POSITION = Pattern.compile("(?i)(line )(\\d+)(, column )(\\d+)");

  /** A replacement of {@code [start, end)} of the original text by {@code text}. */
  record Edit(int start, int end, String text) {}

  /** The edits this one's text came from, or null when its text is the user's. */
  private final SqlEdits base;
  /** The text the edits apply to: the user's, or the base's rewritten text. */
  private final String text;
  private final List<Edit> edits;
  private final String rewritten;

  private SqlEdits(SqlEdits base, String text, List<Edit> edits) {
    this.base = base;
    this.text = text;
    String original = text;
    List<Edit> ordered = new ArrayList<>(edits);
    ordered.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
    List<Edit> kept = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Edit e : ordered) {
      if (e.start() < at) {
        continue; // inside a replacement already made
      }
      out.append(original, at, e.start()).append(e.text());
      at = e.end();
      kept.add(e);
    }
    this.edits = List.copyOf(kept);
    this.rewritten = out.append(original.substring(at)).toString();
  }

  static SqlEdits of(String original, List<Edit> edits) {
    return new SqlEdits(null, original, edits);
  }

  static SqlEdits none(String sql) {
    return of(sql, List.of());
  }

  /** The text the user wrote. */
  String original() {
    return base == null ? text : base.original();
  }

  String rewritten() {
    return rewritten;
  }

  /** Edits of the rewritten text: positions of their result go back through them, then through these. */
  SqlEdits then(List<Edit> more) {
    return new SqlEdits(this, rewritten, more);
  }

  /** The index in the user's text of {@code index} in the rewritten one (an edit's start, inside an edit). */
  int toOriginal(int index) {
    int local = toText(index);
    return base == null ? local : base.toOriginal(local);
  }

  private int toText(int index) {
    int delta = 0;
    for (Edit e : edits) {
      int start = e.start() + delta;
      if (index < start) {
        break;
      }
      if (index < start + e.text().length()) {
        return e.start();
      }
      delta += e.text().length() - (e.end() - e.start());
    }
    return Math.max(0, Math.min(text.length(), index - delta));
  }

  /** {@code message} with each "line L, column C" of the rewritten text told in the original text. */
  String inOriginal(String message) {
    if (message == null || rewritten.equals(original())) {
      return message;
    }
    Matcher m = POSITION.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int index = index(rewritten, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)));
      int[] lineColumn = lineColumn(original(), toOriginal(index));
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + lineColumn[0] + m.group(3) + lineColumn[1]));
    }
    return m.appendTail(out).toString();
  }

  private static int index(String text, int line, int column) {
    int at = 0;
    for (int l = 1; l < line && at >= 0; l++) {
      at = text.indexOf('\n', at) + 1;
      if (at == 0) {
        return text.length();
      }
    }
    return Math.min(text.length(), at + column - 1);
  }

  private static int[] lineColumn(String text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, index - lineStart + 1};
  }
}
