package dev.cleanroomsjdbc.local.engine;

import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The lexical rules of each analytics engine's SQL, as the service reads a protected query's text: Spark SQL for
 * SPARK collaborations (back-quoted identifiers, MySQL-like lexing), AWS Clean Rooms SQL for CLEAN_ROOMS_SQL ones
 * (identifiers in double quotes, unquoted and quoted names matched without case, PostgreSQL's and Redshift's
 * functions). A Spark-only form (a back-quoted identifier, Spark's {@code char()}) does not parse or resolve in
 * Clean Rooms SQL, and its query fails as the service fails it.
 */
public enum EngineSql {
  SPARK,
  CLEAN_ROOMS_SQL;

  /** The engine of a collaboration's {@code analyticsEngine}; SPARK when it names none. */
  public static EngineSql of(String analyticsEngine) {
    return "CLEAN_ROOMS_SQL".equals(analyticsEngine) ? CLEAN_ROOMS_SQL : SPARK;
  }

  /** The parser settings a query's text is read with, for the rules that look at its structure. */
  public SqlParser.Config parserConfig() {
    SqlParser.Config config = SqlParser.config();
    return this == SPARK ? config.withLex(Lex.MYSQL).withConformance(SqlConformanceEnum.LENIENT)
        : config.withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.DEFAULT);
  }

  /** The Calcite connection settings a query of this engine runs with (CLEAN_ROOMS_SQL on Calcite). */
  public Properties connectionProperties() {
    Properties props = new Properties();
    if (this == SPARK) {
      props.setProperty("lex", "MYSQL");
      // Spark is listed first so its variants win; MySQL adds concat() with Spark's null semantics.
      props.setProperty("fun", "standard,spark,mysql");
      props.setProperty("conformance", "LENIENT");
    } else {
      props.setProperty("quoting", "DOUBLE_QUOTE");
      props.setProperty("unquotedCasing", "UNCHANGED");
      props.setProperty("quotedCasing", "UNCHANGED");
      props.setProperty("caseSensitive", "false");
      props.setProperty("fun", "standard,postgresql,redshift");
      props.setProperty("conformance", "DEFAULT");
    }
    props.setProperty("timeZone", "UTC");
    return props;
  }

  /** The dialect a query rewritten by the service (output constraints added) is written back in. */
  public SqlDialect dialect() {
    return new CalciteSqlDialect(CalciteSqlDialect.DEFAULT_CONTEXT
        .withIdentifierQuoteString(this == SPARK ? "`" : "\""));
  }

  /** A string value as a literal of this engine: Spark reads backslashes as escapes, Clean Rooms SQL quotes only. */
  public String quote(String value) {
    if (this == CLEAN_ROOMS_SQL) {
      return "'" + value.replace("'", "''") + "'";
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
