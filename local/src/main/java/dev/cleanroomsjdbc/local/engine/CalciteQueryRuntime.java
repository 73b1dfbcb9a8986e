package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.CsvResultWriter;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protected queries on Calcite, its rows written as CSV or Parquet: the engine of CLEAN_ROOMS_SQL collaborations,
 * reading their SQL by AWS Clean Rooms SQL's lexical rules ({@link EngineSql}), so that a query in Spark SQL's
 * forms fails there as it does on the service (SPARK collaborations run on {@code SparkQueryRuntime}).
 */
public final class CalciteQueryRuntime implements QueryRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(CalciteQueryRuntime.class);

  private final LocalS3 s3;
  private final int rowsPerPart;

  /**
   * @param rowsPerPart the number of rows per part file when the result is not a single file
   */
  public CalciteQueryRuntime(LocalS3 s3, int rowsPerPart) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    this.s3 = s3;
    this.rowsPerPart = rowsPerPart;
  }

  @Override
  public String run(QuerySpec spec, BooleanSupplier cancelled) throws JobFailure {
    long start = System.nanoTime();
    String location;
    EngineSql engine = EngineSql.of(spec.analyticsEngine());
    try (Connection connection = CalciteSession.open(s3, spec.tables(), cancelled, engine);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(withoutTrailingSemicolon(spec.sql()))) {
      location = write(spec, new ResultSetRows(rs), cancelled);
    } catch (SQLException | RuntimeException e) {
      throw SqlJobRunner.failure("MALFORMED_QUERY", hint(engine, spec.sql()), e, cancelled);
    }
    LOG.info("query {} wrote its result to {} in {} ms", spec.queryId(), location,
        (System.nanoTime() - start) / 1_000_000);
    return location;
  }

  private String write(QuerySpec spec, ResultSetRows rows, BooleanSupplier cancelled) {
    boolean csv = "CSV".equals(spec.resultFormat());
    if (spec.singleFileOutput()) {
      S3Location target = spec.resultFolder().resolve(csv ? "result.csv" : "result.parquet");
      return (csv ? CsvResultWriter.writeSingle(s3, target, rows.columns(), rows, cancelled)
          : ParquetResultWriter.writeSingle(s3, target, rows.columns(), rows, cancelled)).uri();
    }
    if (csv) {
      CsvResultWriter.write(s3, spec.resultFolder(), rows.columns(), rows, rowsPerPart, cancelled);
    } else {
      ParquetResultWriter.write(s3, spec.resultFolder(), rows.columns(), rows, rowsPerPart, cancelled);
    }
    return spec.resultFolder().uri();
  }

  /** What the message of a failed query says first: Spark SQL's back quotes are the commonest wrong form. */
  private static String hint(EngineSql engine, String sql) {
    return engine == EngineSql.CLEAN_ROOMS_SQL && sql.indexOf('`') >= 0
        ? "the query is not AWS Clean Rooms SQL, which quotes identifiers with double quotes (\"name\"), not back"
            + " quotes as Spark SQL does: " : "";
  }

  // Clean Rooms accepts one statement; a trailing ';' is common in pasted SQL and harmless.
  private static String withoutTrailingSemicolon(String sql) {
    return sql.strip().replaceAll(";+$", "");
  }
}
