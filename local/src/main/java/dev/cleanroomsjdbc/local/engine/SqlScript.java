package dev.cleanroomsjdbc.local.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL job script split into statements at {@code ;} (outside quotes and comments), each named by a preceding
 * {@code -- result: <name>} comment or, failing that, {@code result} (one statement) or {@code result_<n>}.
 */
final class SqlScript {
  private static final Pattern RESULT_COMMENT = Pattern.compile("--\\s*result\\s*:\\s*(\\S+)\\s*");

  /** One statement, without its terminating {@code ;}. */
  record Statement(String name, String sql) {}

  private SqlScript() {}

  static List<Statement> parse(String script) {
    List<String> chunks = split(script);
    List<String> names = new ArrayList<>();
    for (String chunk : chunks) {
      names.add(declaredName(chunk));
    }
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      String name = names.get(i);
      if (name == null) {
        name = chunks.size() == 1 ? "result" : "result_" + (i + 1);
      }
      statements.add(new Statement(name, chunks.get(i)));
    }
    return statements;
  }

  /** The name from the last {@code -- result:} comment before the statement's first SQL line. */
  private static String declaredName(String chunk) {
    String name = null;
    for (String line : chunk.split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("--")) {
        break;
      }
      Matcher m = RESULT_COMMENT.matcher(trimmed);
      if (m.matches()) {
        name = m.group(1);
      }
    }
    return name;
  }

  /** Splits at top-level semicolons and drops chunks that hold only whitespace and comments. */
  static List<String> split(String script) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean hasCode = false;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      int end;
      if (c == '-' && next == '-') {
        end = indexOrEnd(script, "\n", i);
      } else if (c == '/' && next == '*') {
        end = indexOrEnd(script, "*/", i + 2);
      } else if (c == '\'' || c == '"' || c == '`') {
        end = SqlQuotes.closingQuote(script, i);
        hasCode = true;
      } else if (c == ';') {
        if (hasCode) {
          chunks.add(current.toString().trim());
        }
        current.setLength(0);
        hasCode = false;
        i++;
        continue;
      } else {
        end = i;
        hasCode |= !Character.isWhitespace(c);
      }
      end = Math.min(end, n - 1);
      current.append(script, i, end + 1);
      i = end + 1;
    }
    if (hasCode) {
      chunks.add(current.toString().trim());
    }
    return chunks;
  }

  private static int indexOrEnd(String s, String token, int from) {
    int at = s.indexOf(token, from);
    return at < 0 ? s.length() - 1 : at + token.length() - 1;
  }
}
