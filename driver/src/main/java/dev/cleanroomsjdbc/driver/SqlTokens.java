package dev.cleanroomsjdbc.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a statement in the driver's SQL, as far as the rewrites before Calcite need them (CALL in a
 * subquery, TOP n, parameter markers): words, quoted identifiers, string literals, numbers, parameter markers and
 * single punctuation characters, with their positions. Comments and white space are skipped; a string or a
 * quoted identifier is one token however many quotes it doubles, so nothing inside one is ever taken for SQL.
 */
final class SqlTokens {
  /** What a token is. */
  enum Kind { WORD, QUOTED, STRING, NUMBER, PARAMETER, SYMBOL }

  /** A token: its kind and where it is in the text ({@code end} exclusive). */
  record Token(Kind kind, int start, int end, String text) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(char c) {
      return kind == Kind.SYMBOL && text.charAt(0) == c;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private SqlTokens() {}

  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closing(sql, i);
        tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, i, end, sql.substring(i, end)));
        i = end;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, start, i, sql.substring(start, i)));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(Kind.NUMBER, start, i, sql.substring(start, i)));
      } else if (c == '?') {
        tokens.add(new Token(Kind.PARAMETER, i, i + 1, "?"));
        i++;
      } else {
        tokens.add(new Token(Kind.SYMBOL, i, i + 1, String.valueOf(c)));
        i++;
      }
    }
    return tokens;
  }

  /** The end (exclusive) of the quoted text starting at {@code start}; a doubled quote is part of it. */
  private static int closing(String sql, int start) {
    char quote = sql.charAt(start);
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The parameter markers of a statement, in order. */
  static List<Token> parameters(String sql) {
    return of(sql).stream().filter(t -> t.kind() == Kind.PARAMETER).toList();
  }

  /** The index of the token that closes the parenthesis at {@code open}, or -1. */
  static int matching(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol('(')) {
        depth++;
      } else if (tokens.get(i).isSymbol(')')) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
