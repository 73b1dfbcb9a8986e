package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code CALL schema.template(args)} and the JDBC escape {@code {call schema.template(args)}} and
 * turns them into the query Calcite runs, {@code SELECT * FROM TABLE(schema.template(args))}. Everything
 * else passes through unchanged.
 */
record CallSyntax(String sql, boolean isCall) {
  private static final Pattern ESCAPE = Pattern.compile("(?is)^\\s*\\{\\s*(\\?\\s*=\\s*)?call\\s+(.+?)\\s*}\\s*;?\\s*$");
  private static final Pattern PLAIN = Pattern.compile("(?is)^\\s*call\\s+(.+?)\\s*;?\\s*$");

  static CallSyntax of(String sql) throws SQLException {
    Matcher escape = ESCAPE.matcher(sql);
    if (escape.matches()) {
      if (escape.group(1) != null) {
        throw SqlState.FEATURE_NOT_SUPPORTED.exception("{? = call ...} is not supported: analysis templates return"
            + " result sets, not values; use {call schema.template(...)}");
      }
      return call(escape.group(2));
    }
    Matcher plain = PLAIN.matcher(sql);
    if (plain.matches()) {
      return call(plain.group(1));
    }
    return new CallSyntax(sql, false);
  }

  private static CallSyntax call(String procedure) {
    String invocation = procedure.endsWith(")") ? procedure : procedure + "()";
    return new CallSyntax("SELECT * FROM TABLE(" + invocation + ")", true);
  }
}
