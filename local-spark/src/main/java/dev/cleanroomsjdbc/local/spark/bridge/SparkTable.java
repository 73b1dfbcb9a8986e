package dev.cleanroomsjdbc.local.spark.bridge;

import java.nio.file.Path;
import java.util.List;

/**
 * A referenced table staged on local disk.
 *
 * @param alias the name user code knows it by
 * @param format PARQUET, CSV (header row) or JSON (one object per line)
 * @param dir the directory holding its data files
 * @param columns the columns the configured table allows, in order, with their Glue types
 * @param fileColumns for CSV, the header's column names in file order (columns not allowed included); else empty
 */
public record SparkTable(String alias, String format, Path dir, List<SparkColumn> columns, List<String> fileColumns) {

  public SparkTable {
    columns = List.copyOf(columns);
    fileColumns = List.copyOf(fileColumns);
  }
}
