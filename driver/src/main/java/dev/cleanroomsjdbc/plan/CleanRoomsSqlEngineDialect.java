package dev.cleanroomsjdbc.plan;

import org.apache.calcite.sql.dialect.RedshiftSqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's Redshift dialect, the closest it has to AWS Clean Rooms SQL (identifiers in double quotes, LIMIT and
 * OFFSET, {@code CAST(x AS type)}, {@code DATE '...'}), with the one place where strings are quoted for that engine.
 *
 * <p>The Clean Rooms SQL reference gives one way to put a quote in a string, doubling it ({@code 'It''s'}); engines
 * of its family may read a backslash as an escape, so a string with a backslash is written with
 * {@code CHR(92)} in its place ({@code ('a' || CHR(92) || 'b')}), which reads the same whatever the engine does with
 * backslashes, and no value can end the literal early.
 */
final class CleanRoomsSqlEngineDialect extends RedshiftSqlDialect {
  static final CleanRoomsSqlEngineDialect INSTANCE = new CleanRoomsSqlEngineDialect();

  private CleanRoomsSqlEngineDialect() {
    super(RedshiftSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public void quoteStringLiteral(StringBuilder buf, @Nullable String charsetName, String val) {
    String[] pieces = val.split("\\\\", -1);
    if (pieces.length > 1) {
      buf.append('('); // one operand wherever the literal stands
    }
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        buf.append(" || CHR(92) || ");
      }
      buf.append('\'').append(pieces[i].replace("'", "''")).append('\'');
    }
    if (pieces.length > 1) {
      buf.append(')');
    }
  }

  @Override
  public void quoteStringLiteralUnicode(StringBuilder buf, String val) {
    quoteStringLiteral(buf, null, val); // Unicode text is written as it is
  }
}
