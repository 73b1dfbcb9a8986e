package dev.cleanroomsjdbc.jdbc;

import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import java.sql.SQLException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns what comes out of Calcite into the exception the user should see: the driver's own SQLException
 * when one is inside (Calcite wraps them), otherwise a parse or validation error with a proper SQLState.
 */
public final class CalciteErrors {
  private CalciteErrors() {}

  public static SQLException translate(Throwable t) {
    SQLException own = driversOwn(t, 0);
    if (own != null) {
      return own;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StackOverflowError) {
        return SqlState.STATEMENT_TOO_COMPLEX.exception("The statement is nested too deeply to plan (a long chain"
            + " of operators or parentheses): split it, e.g. into a subquery or a CASE over fewer terms", t);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlParseException) {
        return SqlState.SYNTAX_ERROR.exception("SQL syntax error: " + c.getMessage(), t);
      }
      if (c instanceof CalciteContextException e) {
        String message = e.getMessage();
        SqlState state = message.contains("No match found for function signature")
            ? SqlState.UNDEFINED_FUNCTION
            : message.contains("not found") ? SqlState.UNDEFINED_OBJECT : SqlState.SYNTAX_ERROR;
        return state.exception(message, t);
      }
    }
    if (t instanceof SQLException s) {
      return withState(s);
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return SqlState.INTERNAL_ERROR.exception(message, t);
  }

  /**
   * A failure of a JDBC call as an SQLException with a SQLState: Avatica's own exceptions carry none, and a
   * null argument where a value is needed (an NPE deep inside) is the caller's error, not the driver's.
   */
  public static SQLException ofCall(Throwable t, String call, Object[] args) {
    if (t instanceof NullPointerException && args != null && java.util.Arrays.asList(args).contains(null)) {
      return SqlState.INVALID_PARAMETER_VALUE.exception(call + " needs a value where null was given", t);
    }
    return translate(t);
  }

  /** Avatica's exceptions without a SQLState, told by their (stable) messages; anything else keeps XX000. */
  private static SQLException withState(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    SqlState state = m.contains("resultset closed") ? SqlState.INVALID_CURSOR_STATE
        : m.contains("closed") ? SqlState.CONNECTION_CLOSED
        : m.contains("ordinal") || m.contains("index") || m.contains("column '") && m.contains("not found")
            ? SqlState.INVALID_DESCRIPTOR_INDEX
        : m.contains("not supported") || m.contains("unsupported") ? SqlState.FEATURE_NOT_SUPPORTED
        : SqlState.INTERNAL_ERROR;
    return state.exception(e.getMessage(), e);
  }

  /**
   * {@code e} with its message told in the user's text ({@code inUsersText} rewrites its positions), when it is
   * about the statement's text (a syntax or name error); any other failure as it is.
   */
  public static SQLException inUsersText(SQLException e, java.util.function.UnaryOperator<String> inUsersText) {
    String state = e.getSQLState();
    if (state == null || !state.startsWith("42") || e.getMessage() == null) {
      return e;
    }
    String message = inUsersText.apply(e.getMessage());
    if (message.equals(e.getMessage())) {
      return e;
    }
    for (SqlState s : SqlState.values()) {
      if (s.code().equals(state)) {
        SQLException told = s.exception(message, e.getCause() != null ? e.getCause() : e);
        told.setNextException(e.getNextException());
        return told;
      }
    }
    return e;
  }

  /**
   * The driver's own SQLException inside {@code t}: along the causes, and among suppressed exceptions too, since
   * Calcite's code generator reports a failed {@code implement} as "Unable to implement" with the failure
   * suppressed, not as its cause.
   */
  private static SQLException driversOwn(Throwable t, int depth) {
    for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c instanceof CleanRoomsRuntimeException r) {
        return r.getCause();
      }
      if (c instanceof SQLException s && s.getSQLState() != null) {
        return s;
      }
      for (Throwable suppressed : c.getSuppressed()) {
        SQLException found = driversOwn(suppressed, depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
