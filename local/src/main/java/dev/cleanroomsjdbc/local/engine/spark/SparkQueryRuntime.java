package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.QueryRuntime;
import dev.cleanroomsjdbc.local.engine.QuerySpec;
import dev.cleanroomsjdbc.local.engine.StorageFailures;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkQueryRequest;
import dev.cleanroomsjdbc.local.spark.bridge.SparkRows;
import dev.cleanroomsjdbc.local.spark.bridge.SparkTable;
import dev.cleanroomsjdbc.local.storage.CsvResultWriter;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protected queries of SPARK collaborations: the query parsed, analysed and run by the JVM's Spark engine over
 * the tables staged from S3, its rows written as CSV or Parquet as the service delivers them.
 */
public final class SparkQueryRuntime implements QueryRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SparkQueryRuntime.class);

  private final LocalS3 s3;
  private final int rowsPerPart;
  private final SparkOptions options;

  public SparkQueryRuntime(LocalS3 s3, int rowsPerPart, SparkOptions options) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
    }
    this.s3 = s3;
    this.rowsPerPart = rowsPerPart;
    this.options = options;
  }

  @Override
  public String run(QuerySpec spec, BooleanSupplier cancelled) throws JobFailure {
    long start = System.nanoTime();
    List<SparkTable> tables = new ArrayList<>();
    for (Map.Entry<String, TableSource> table : spec.tables().entrySet()) {
      tables.add(TableStaging.stage(s3, table.getKey(), table.getValue()));
    }
    String location;
    try (SparkRows rows = SparkEngines.get(options).runQuery(new SparkQueryRequest(spec.queryId(), spec.sql(),
        tables), cancelled)) {
      List<ColumnSpec> columns = rows.columns().stream().map(c -> new ColumnSpec(c.name(), c.type())).toList();
      location = write(spec, columns, rows, cancelled);
    } catch (SparkJobFailure e) {
      throw new JobFailure(e.code(), e.getMessage());
    } catch (CancellationException e) {
      throw e;
    } catch (SparkEngines.Unavailable e) {
      throw new JobFailure("INTERNAL_ERROR", e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new JobFailure("MALFORMED_QUERY", e.getMessage(), e);
    } catch (RuntimeException e) {
      throw StorageFailures.of(e).orElseThrow(() -> e);
    }
    LOG.info("query {} wrote its result to {} in {} ms", spec.queryId(), location,
        (System.nanoTime() - start) / 1_000_000);
    return location;
  }

  private String write(QuerySpec spec, List<ColumnSpec> columns, SparkRows rows, BooleanSupplier cancelled) {
    boolean csv = "CSV".equals(spec.resultFormat());
    if (spec.singleFileOutput()) {
      S3Location target = spec.resultFolder().resolve(csv ? "result.csv" : "result.parquet");
      return (csv ? CsvResultWriter.writeSingle(s3, target, columns, rows, cancelled)
          : ParquetResultWriter.writeSingle(s3, target, columns, rows, cancelled)).uri();
    }
    if (csv) {
      CsvResultWriter.write(s3, spec.resultFolder(), columns, rows, rowsPerPart, cancelled);
    } else {
      ParquetResultWriter.write(s3, spec.resultFolder(), columns, rows, rowsPerPart, cancelled);
    }
    return spec.resultFolder().uri();
  }
}
