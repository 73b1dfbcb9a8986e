package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.driver.SqlTokens.Kind;
import dev.cleanroomsjdbc.driver.SqlEdits.Edit;
import dev.cleanroomsjdbc.driver.SqlTokens.Token;
import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement Calcite runs for what a tool sent. {@code CALL schema.template(args)} and the JDBC escape
 * {@code {call schema.template(args)}} become {@code SELECT * FROM TABLE(schema.template(args))}, as a whole
 * statement or inside parentheses, where Spark's JDBC source and Tableau's custom SQL put them
 * ({@code SELECT * FROM (CALL demo.t()) q WHERE 1=0}); Tableau's {@code SELECT TOP n ...} becomes
 * {@code SELECT ... FETCH NEXT n ROWS ONLY}. Everything else passes through unchanged.
 */
record CallSyntax(SqlEdits edits, boolean isCall) {

  /** The statement Calcite runs. */
  String sql() {
    return edits.rewritten();
  }

  /**
   * Whether {@code calciteSql} returns a table function's rows as they are: exactly {@code SELECT * FROM
   * TABLE(schema.function(literals))}, with no other table, condition, order or limit, so that the driver may
   * stream the function's result itself (see schema.DirectResults).
   */
  static boolean returnsRowsAsTheyAre(String calciteSql) {
    List<Token> tokens = SqlTokens.of(calciteSql);
    int last = lastSignificant(tokens);
    if (last < 5 || !tokens.get(0).is("select") || !tokens.get(1).isSymbol('*') || !tokens.get(2).is("from")
        || !tokens.get(3).is("table") || !tokens.get(4).isSymbol('(') || SqlTokens.matching(tokens, 4) != last) {
      return false;
    }
    for (int k = 5; k < last; k++) {
      Token t = tokens.get(k);
      if (t.is("table") || t.is("select")) {
        return false; // a subquery among the arguments: leave it all to Calcite
      }
    }
    return true;
  }

  static CallSyntax of(String sql) throws SQLException {
    if (sql == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("The SQL text is null: pass the statement to run");
    }
    List<Token> tokens = SqlTokens.of(sql);
    List<Edit> edits = new ArrayList<>();
    boolean isCall = false;
    int first = 0;
    if (!tokens.isEmpty() && tokens.get(0).isSymbol('{')) {
      if (tokens.size() > 1 && tokens.get(1).kind() == Kind.PARAMETER) {
        throw SqlState.FEATURE_NOT_SUPPORTED.exception("{? = call ...} is not supported: analysis templates return"
            + " result sets, not values; use {call schema.template(...)}");
      }
      int close = lastSignificant(tokens);
      if (tokens.size() > 1 && tokens.get(1).is("call") && tokens.get(close).isSymbol('}')) {
        edits.add(new Edit(tokens.get(0).start(), tokens.get(1).start(), ""));
        edits.add(new Edit(tokens.get(close - 1).end(), sql.length(), ""));
        first = 1;
      }
    }
    for (int k = 0; k < tokens.size(); k++) {
      if (k > first && tokens.get(k).isSymbol('{') && k + 1 < tokens.size() && tokens.get(k + 1).is("call")
          && tokens.get(k - 1).isSymbol('(')) {
        int close = closingBrace(tokens, k);
        if (close > 0) {
          edits.add(new Edit(tokens.get(k).start(), tokens.get(k).end(), ""));
          edits.add(new Edit(tokens.get(close).start(), tokens.get(close).end(), ""));
        }
      }
      boolean opens = k == first || (k > 0 && (tokens.get(k - 1).isSymbol('(') || tokens.get(k - 1).isSymbol('{')));
      if (tokens.get(k).is("call") && opens) {
        isCall |= k == first;
        edits.addAll(call(sql, tokens, k, k == first));
      }
      if (tokens.get(k).is("select")) {
        top(sql, tokens, k, edits);
      }
    }
    return new CallSyntax(SqlEdits.of(sql, edits), isCall);
  }

  /**
   * {@code CALL name[(args)]} from token {@code k} as the SELECT that reads the template's first result: the
   * keyword becomes {@code SELECT * FROM TABLE(}, and a parenthesis closes the call, so that the name and the
   * arguments keep their places (and the positions in messages about them).
   */
  private static List<Edit> call(String sql, List<Token> tokens, int k, boolean statement) throws SQLException {
    int e = k + 1;
    while (e < tokens.size() && (tokens.get(e).kind() == Kind.WORD || tokens.get(e).kind() == Kind.QUOTED)) {
      e++;
      if (e < tokens.size() && tokens.get(e).isSymbol('.')) {
        e++;
      } else {
        break;
      }
    }
    if (e == k + 1) {
      throw SqlState.SYNTAX_ERROR.exception("CALL needs the name of an analysis template: CALL schema.template(...)");
    }
    List<Edit> edits = new ArrayList<>();
    edits.add(new Edit(tokens.get(k).start(), tokens.get(k + 1).start(), "SELECT * FROM TABLE("));
    int end = tokens.get(e - 1).end();
    String close = "())";
    if (e < tokens.size() && tokens.get(e).isSymbol('(')) {
      int closing = SqlTokens.matching(tokens, e);
      if (closing < 0) {
        throw SqlState.SYNTAX_ERROR.exception("The arguments of CALL "
            + sql.substring(tokens.get(k + 1).start(), end) + " are missing their ')'");
      }
      end = tokens.get(closing).end();
      close = ")";
      e = closing + 1;
    }
    edits.add(new Edit(end, end, close));
    if (statement && e == tokens.size() - 1 && tokens.get(e).isSymbol(';')) {
      edits.add(new Edit(end, tokens.get(e).end(), "")); // a trailing ';', as pasted SQL has
    }
    return edits;
  }

  /** {@code SELECT [DISTINCT|ALL] TOP n} at token {@code k}: TOP goes, FETCH NEXT n ROWS ONLY ends the query. */
  private static void top(String sql, List<Token> tokens, int k, List<Edit> edits) {
    int j = k + 1;
    if (j < tokens.size() && (tokens.get(j).is("distinct") || tokens.get(j).is("all"))) {
      j++;
    }
    if (j + 1 >= tokens.size() || !tokens.get(j).is("top") || tokens.get(j + 1).kind() != Kind.NUMBER
        || !tokens.get(j + 1).text().chars().allMatch(Character::isDigit)
        || (j + 2 < tokens.size() && tokens.get(j + 2).is("percent"))) {
      return;
    }
    int depth = 0;
    int end = tokens.get(tokens.size() - 1).end();
    boolean setOperation = false;
    for (int i = j + 2; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean last = t.isSymbol(')') && depth == 0 || depth == 0 && t.isSymbol(';');
      setOperation = depth == 0 && (t.is("union") || t.is("intersect") || t.is("except") || t.is("minus"));
      if (last || setOperation) {
        end = tokens.get(i - 1).end();
        break;
      }
      if (t.isSymbol('(')) {
        depth++;
      } else if (t.isSymbol(')')) {
        depth--;
      }
    }
    String rows = tokens.get(j + 1).text();
    int topEnd = j + 2 < tokens.size() ? tokens.get(j + 2).start() : tokens.get(j + 1).end();
    edits.add(new Edit(tokens.get(j).start(), topEnd, ""));
    edits.add(new Edit(end, end, " FETCH NEXT " + rows + " ROWS ONLY" + (setOperation ? ")" : "")));
    if (setOperation) {
      edits.add(new Edit(tokens.get(k).start(), tokens.get(k).start(), "("));
    }
  }

  /** The index of the '}' that closes the JDBC escape opened at {@code open}, or -1. */
  private static int closingBrace(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol('{')) {
        depth++;
      } else if (tokens.get(i).isSymbol('}') && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int lastSignificant(List<Token> tokens) {
    int last = tokens.size() - 1;
    return last > 0 && tokens.get(last).isSymbol(';') ? last - 1 : last;
  }
}
