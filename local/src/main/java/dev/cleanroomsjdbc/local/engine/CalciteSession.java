package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/** Opens the Calcite connection SQL jobs and protected queries run on: the engine's SQL, one table per alias. */
final class CalciteSession {
  private CalciteSession() {}

  /** A new connection whose root schema holds each table under its alias, scanned from S3 as it is read. */
  static Connection open(LocalS3 s3, Map<String, TableSource> tables, BooleanSupplier cancelled)
      throws SQLException {
    return open(s3, tables, cancelled, EngineSql.SPARK);
  }

  /** As {@link #open(LocalS3, Map, BooleanSupplier)}, reading SQL by the lexical rules of {@code engine}. */
  static Connection open(LocalS3 s3, Map<String, TableSource> tables, BooleanSupplier cancelled, EngineSql engine)
      throws SQLException {
    Connection connection = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:",
        engine.connectionProperties());
    try {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      for (Map.Entry<String, TableSource> table : tables.entrySet()) {
        root.add(table.getKey(), new SourceTable(s3, table.getValue(), cancelled));
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
