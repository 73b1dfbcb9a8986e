package dev.cleanroomsjdbc.plan;

import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's Spark dialect with the one place where strings are quoted for Spark: the literals a user typed and the
 * values bound to a {@code PreparedStatement}'s parameters ({@link SqlLiterals}) are written by the same unparse
 * through this dialect, so no value can change the statement around it.
 *
 * <p>Spark reads a backslash in a string literal as an escape and joins adjacent literals ({@code 'It''s'} is
 * {@code Its}), so Calcite's standard quoting is wrong for it. A string with a quote or a backslash is written as
 * {@code concat('It', char(39), 's')}, which every Spark reads the same way whatever
 * {@code spark.sql.parser.escapedStringLiterals} says.
 */
final class SparkEngineDialect extends SparkSqlDialect {
  static final SparkEngineDialect INSTANCE = new SparkEngineDialect();

  private SparkEngineDialect() {
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
}
