package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import java.util.Map;

/**
 * Everything a protected job needs to run: its entry point, the tables it may read (by the alias the
 * collaboration knows them by), its analysis parameters, the prefix its named results are written under, and the
 * template's additional artifacts (libraries, a virtual environment archive), already verified against the SHA-256
 * the template pinned, which a {@code .py} entry point finds on its Python path.
 */
public record JobSpec(
    String jobId,
    S3Location entryPoint,
    Map<String, TableSource> referencedTables,
    Map<String, String> analysisParameters,
    S3Location resultPrefix,
    List<S3Location> additionalArtifacts) {

  public JobSpec {
    additionalArtifacts = additionalArtifacts == null ? List.of() : List.copyOf(additionalArtifacts);
  }

  /** A job whose template has no additional artifacts. */
  public JobSpec(String jobId, S3Location entryPoint, Map<String, TableSource> referencedTables,
      Map<String, String> analysisParameters, S3Location resultPrefix) {
    this(jobId, entryPoint, referencedTables, analysisParameters, resultPrefix, List.of());
  }
}
