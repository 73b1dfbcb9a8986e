package dev.cleanroomsjdbc.bench;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** The benchmark's job: {@link #ROWS} rows of six typed columns, generated, so that only reading is measured. */
public final class BenchRows implements JvmEntryPoint {
  public static final long ROWS = Long.getLong("bench.rows", 1_000_000);

  static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("id", "bigint"), new ColumnSpec("name", "string"), new ColumnSpec("qty", "int"),
      new ColumnSpec("price", "double"), new ColumnSpec("amount", "decimal(12,2)"),
      new ColumnSpec("at", "timestamp"));

  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) {
    Iterator<Object[]> rows = LongStream.range(0, ROWS).mapToObj(n -> new Object[] {n, "name-" + n,
        (int) (n % 1000), n * 0.5, BigDecimal.valueOf(n, 2), Instant.ofEpochMilli(1_700_000_000_000L + n)})
        .iterator();
    return Map.of("rows", new ResultTable(COLUMNS, rows));
  }
}
