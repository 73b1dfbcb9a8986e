package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A configured table: a Glue table an account exposes, with the columns and analysis methods it allows (one saved
 * before {@code updateTime} was kept reads it as its {@code createTime}).
 */
public record ConfiguredTable(
    String id,
    String arn,
    String accountId,
    String name,
    String description,
    JsonNode tableReference,
    GlueTable glueTable,
    List<String> allowedColumns,
    String analysisMethod,
    List<String> selectedAnalysisMethods,
    Instant createTime,
    Instant updateTime) {

  public ConfiguredTable {
    allowedColumns = List.copyOf(allowedColumns);
    selectedAnalysisMethods = List.copyOf(selectedAnalysisMethods);
    updateTime = updateTime == null ? createTime : updateTime;
  }

  /** Whether PySpark jobs may read this table (analysis method DIRECT_JOB or MULTIPLE). */
  public boolean allowsJobs() {
    return "DIRECT_JOB".equals(analysisMethod)
        || "MULTIPLE".equals(analysisMethod) && (selectedAnalysisMethods.isEmpty()
            || selectedAnalysisMethods.contains("DIRECT_JOB"));
  }
}
