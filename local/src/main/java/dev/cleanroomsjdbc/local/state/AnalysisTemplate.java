package dev.cleanroomsjdbc.local.state;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.time.Instant;
import java.util.List;

/**
 * An analysis template: SQL text, or a PySpark-style entry point in S3 with the SHA-256 of its bytes at creation,
 * and the analysis parameters it declares.
 */
public record AnalysisTemplate(
    String id,
    String arn,
    String membershipId,
    String collaborationId,
    String creatorAccountId,
    String name,
    String description,
    String format,
    String text,
    S3Location entryPoint,
    String roleArn,
    String entryPointSha256,
    List<String> referencedTables,
    Instant createTime,
    List<AnalysisParameter> analysisParameters) {

  public AnalysisTemplate {
    referencedTables = List.copyOf(referencedTables);
    analysisParameters = analysisParameters == null ? List.of() : List.copyOf(analysisParameters);
  }

  public boolean isJob() {
    return "PYSPARK_1_0".equals(format);
  }
}
