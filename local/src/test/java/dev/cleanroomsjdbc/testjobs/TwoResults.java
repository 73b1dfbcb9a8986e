package dev.cleanroomsjdbc.testjobs;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobContext;
import dev.cleanroomsjdbc.local.engine.JvmEntryPoint;
import dev.cleanroomsjdbc.local.engine.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test job with two results: {@code summary} (label string, n bigint: a/10, b/20, c/30) and {@code details}
 * (k int, v string: 1/v1 ... 10/v10).
 */
public class TwoResults implements JvmEntryPoint {

  @Override
  public Map<String, ResultTable> entrypoint(JobContext context) {
    List<Object[]> summary = List.of(
        new Object[] {"a", 10L}, new Object[] {"b", 20L}, new Object[] {"c", 30L});
    List<Object[]> details = new ArrayList<>();
    for (int k = 1; k <= 10; k++) {
      details.add(new Object[] {k, "v" + k});
    }
    Map<String, ResultTable> results = new LinkedHashMap<>();
    results.put("summary", new ResultTable(
        List.of(new ColumnSpec("label", "string"), new ColumnSpec("n", "bigint")), summary.iterator()));
    results.put("details", new ResultTable(
        List.of(new ColumnSpec("k", "int"), new ColumnSpec("v", "string")), details.iterator()));
    return results;
  }
}
