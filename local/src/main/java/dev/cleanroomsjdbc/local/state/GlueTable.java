package dev.cleanroomsjdbc.local.state;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;

/** A table of the local Glue catalog: its columns in Glue spelling and where its data lives. */
public record GlueTable(String database, String table, List<ColumnSpec> columns, S3Location data, String format) {

  public GlueTable {
    columns = List.copyOf(columns);
  }
}
