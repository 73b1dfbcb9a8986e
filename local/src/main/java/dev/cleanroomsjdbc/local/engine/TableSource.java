package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;

/**
 * A table's data in S3: every object under {@code dataPrefix} (or the object itself) in {@code format}
 * ({@code PARQUET} or {@code CSV} with a header row), with its columns typed in Glue's spelling.
 */
public record TableSource(String name, List<ColumnSpec> columns, S3Location dataPrefix, String format) {}
