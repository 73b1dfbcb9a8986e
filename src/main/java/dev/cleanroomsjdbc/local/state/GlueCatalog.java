package dev.cleanroomsjdbc.local.state;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The local stand-in for the AWS Glue Data Catalog that configured tables reference. */
public final class GlueCatalog {
  private final Map<String, GlueTable> tables = new ConcurrentHashMap<>();

  /** Registers (or replaces) {@code database.table}; format is {@code PARQUET} or {@code CSV}. */
  public GlueTable register(String database, String table, List<ColumnSpec> columns, S3Location data, String format) {
    GlueTable entry = new GlueTable(database, table, columns, data, format.toUpperCase(Locale.ROOT));
    tables.put(key(database, table), entry);
    return entry;
  }

  public Optional<GlueTable> find(String database, String table) {
    return Optional.ofNullable(tables.get(key(database, table)));
  }

  // Glue lower-cases database and table names, so lookups ignore case as well.
  private static String key(String database, String table) {
    return (database + "." + table).toLowerCase(Locale.ROOT);
  }
}
