package dev.cleanroomsjdbc.plan;

import java.sql.SQLException;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL of a collaboration whose analytics engine is Spark (the CLEANROOMS convention writes it), and the one
 * place where strings are quoted for it: the literals a user typed and the values bound to a
 * {@code PreparedStatement}'s parameters ({@link SqlLiterals}) are written by the same unparse through this
 * dialect, so no value can change the statement around it.
 *
 * <p>Spark reads a backslash in a string literal as an escape and joins adjacent literals ({@code 'It''s'} is
 * {@code Its}), so Calcite's standard quoting is wrong for it. A string with a quote or a backslash is written as
 * {@code concat('It', char(39), 's')}, which every Spark reads the same way whatever
 * {@code spark.sql.parser.escapedStringLiterals} says.
 */
public final class CleanRoomsSqlDialect extends SparkSqlDialect {
  public static final CleanRoomsSqlDialect SPARK = new CleanRoomsSqlDialect();

  private CleanRoomsSqlDialect() {
    super(SparkSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public void quoteStringLiteral(StringBuilder buf, @Nullable String charsetName, String val) {
    if (val.indexOf('\'') < 0 && val.indexOf('\\') < 0) {
      buf.append('\'').append(val).append('\'');
      return;
    }
    buf.append("concat(''");
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < val.length(); i++) {
      char c = val.charAt(i);
      if (c == '\'' || c == '\\') {
        if (piece.length() > 0) {
          buf.append(", '").append(piece).append('\'');
          piece.setLength(0);
        }
        buf.append(", char(").append((int) c).append(')');
      } else {
        piece.append(c);
      }
    }
    if (piece.length() > 0) {
      buf.append(", '").append(piece).append('\'');
    }
    buf.append(')');
  }

  @Override
  public void quoteStringLiteralUnicode(StringBuilder buf, String val) {
    quoteStringLiteral(buf, null, val); // Spark reads Unicode text as it is; it has no U&'...' literals
  }

  /**
   * A bound parameter value as a literal of {@code type} (the type the planner gave the parameter), or of the
   * value's own type where the planner left it open. Fails with 22023 when the value is not one of the type.
   */
  public String literal(Object value, SqlTypeName type, int parameter) throws SQLException {
    return SqlLiterals.write(value, type, this, parameter);
  }
}
