package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.time.Instant;
import java.util.List;

/**
 * An analysis template: SQL text, or a PySpark-style entry point in S3 with the SHA-256 of its bytes at creation
 * (and as many additional artifacts, each with its SHA-256 in the same order), and the analysis parameters it
 * declares, and its {@code errorMessageConfiguration} as sent ({@code null} when absent). One saved before {@code updateTime} was kept reads it as its {@code createTime}.
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
    List<AnalysisParameter> analysisParameters,
    List<S3Location> additionalArtifacts,
    List<String> additionalArtifactSha256s,
    Instant updateTime,
    JsonNode errorMessageConfiguration) {

  public AnalysisTemplate {
    referencedTables = List.copyOf(referencedTables);
    analysisParameters = analysisParameters == null ? List.of() : List.copyOf(analysisParameters);
    additionalArtifacts = additionalArtifacts == null ? List.of() : List.copyOf(additionalArtifacts);
    additionalArtifactSha256s = additionalArtifactSha256s == null ? List.of() : List.copyOf(additionalArtifactSha256s);
    updateTime = updateTime == null ? createTime : updateTime;
  }

  /** A copy with a new description and update time, the only change UpdateAnalysisTemplate makes. */
  public AnalysisTemplate described(String newDescription, Instant now) {
    return new AnalysisTemplate(id, arn, membershipId, collaborationId, creatorAccountId, name, newDescription, format,
        text, entryPoint, roleArn, entryPointSha256, referencedTables, createTime, analysisParameters,
        additionalArtifacts, additionalArtifactSha256s, now, errorMessageConfiguration);
  }

  public boolean isJob() {
    return "PYSPARK_1_0".equals(format);
  }
}
