package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.Map;

/**
 * Everything a protected job needs to run: its entry point, the tables it may read (by the alias the
 * collaboration knows them by), its analysis parameters, and the prefix its named results are written under.
 */
public record JobSpec(
    String jobId,
    S3Location entryPoint,
    Map<String, TableSource> referencedTables,
    Map<String, String> analysisParameters,
    S3Location resultPrefix) {}
