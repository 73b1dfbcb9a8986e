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
  private final Runnable changed;

  public GlueCatalog() {
    this(() -> { });
  }

  GlueCatalog(Runnable changed) {
    this.changed = changed;
  }

  /** Registers (or replaces) {@code database.table}; format is {@code PARQUET} or {@code CSV}. */
  public GlueTable register(String database, String table, List<ColumnSpec> columns, S3Location data, String format) {
    GlueTable entry = new GlueTable(database, table, columns, data, format.toUpperCase(Locale.ROOT));
    put(entry);
    return entry;
  }

  public Optional<GlueTable> find(String database, String table) {
    return Optional.ofNullable(tables.get(key(database, table)));
  }

  /** Every registered table. */
  public List<GlueTable> all() {
    return List.copyOf(tables.values());
  }

  void put(GlueTable entry) {
    // The same table registered again (a restart re-seeding the demo) is not a change to save.
    if (!entry.equals(tables.put(key(entry.database(), entry.table()), entry))) {
      changed.run();
    }
  }

  // Glue lower-cases database and table names, so lookups ignore case as well.
  private static String key(String database, String table) {
    return (database + "." + table).toLowerCase(Locale.ROOT);
  }
}
