package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkColumn;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkTable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The referenced tables of one job or query as DataFrames of its session, read by Spark as their Glue tables
 * declare them, each showing only the columns its configured table allows; registers the session's
 * {@link Guard.Policy} first, so that these reads are the only ones it allows.
 */
final class TableFrames {
  private TableFrames() {}

  /** Each table by alias (also a temporary view of that name), in the order given. */
  static Map<String, Dataset<Row>> open(SparkSession session, List<SparkTable> tables, Path resultDir)
      throws SparkJobFailure {
    Map<String, StructType> schemas = new HashMap<>();
    Map<String, Set<String>> hidden = new HashMap<>();
    for (SparkTable table : tables) {
      schemas.put(Guard.uriPath(table.dir()), readSchema(table));
      if (format(table).equals("CSV")) {
        Set<String> names = new HashSet<>();
        table.fileColumns().forEach(c -> names.add(c.toLowerCase(Locale.ROOT)));
        table.columns().forEach(c -> names.remove(c.name().toLowerCase(Locale.ROOT)));
        hidden.put(Guard.uriPath(table.dir()), names);
      }
    }
    Guard.register(session, new Guard.Policy(Map.copyOf(schemas), Map.copyOf(hidden),
        resultDir == null ? null : Guard.uriPath(resultDir)));
    Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
    for (SparkTable table : tables) {
      Dataset<Row> frame = frame(session, table, schemas.get(Guard.uriPath(table.dir())));
      frame.createOrReplaceTempView(table.alias());
      frames.put(table.alias(), frame);
    }
    return frames;
  }

  private static Dataset<Row> frame(SparkSession session, SparkTable table, StructType schema) {
    // Tables are folders of files: no partition discovery, no hidden or marker files.
    DataFrameReader reader = session.read().schema(schema).option("recursiveFileLookup", "true");
    String path = table.dir().toAbsolutePath().toUri().toString();
    return switch (format(table)) {
      case "CSV" -> reader.option("header", "true").csv(path)
          .select(table.columns().stream().map(c -> functions.col("`" + c.name() + "`")).toArray(Column[]::new));
      case "JSON" -> reader.json(path);
      default -> reader.parquet(path);
    };
  }

  /**
   * The schema a table's files are read with: its allowed columns for Parquet and JSON (matched by name); for CSV,
   * whose columns are positional, every header column (those not allowed as strings) so that they can be
   * projected away.
   */
  static StructType readSchema(SparkTable table) throws SparkJobFailure {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (SparkColumn c : table.columns()) {
      types.put(c.name().toLowerCase(Locale.ROOT), sparkType(table, c));
    }
    StructType schema = new StructType();
    if (format(table).equals("CSV") && !table.fileColumns().isEmpty()) {
      for (String name : table.fileColumns()) {
        schema = schema.add(new StructField(name, types.getOrDefault(name.toLowerCase(Locale.ROOT),
            DataTypes.StringType), true, org.apache.spark.sql.types.Metadata.empty()));
      }
      return schema;
    }
    for (SparkColumn c : table.columns()) {
      schema = schema.add(c.name(), types.get(c.name().toLowerCase(Locale.ROOT)), true);
    }
    return schema;
  }

  private static DataType sparkType(SparkTable table, SparkColumn column) throws SparkJobFailure {
    String glue = column.type().toLowerCase(Locale.ROOT).strip();
    if (glue.startsWith("varchar") || glue.startsWith("char")) {
      glue = "string";
    }
    try {
      return DataType.fromDDL(glue);
    } catch (RuntimeException e) {
      throw new SparkJobFailure("INVALID_RESOURCE", "table " + table.alias() + " column " + column.name()
          + " has a Glue type Spark cannot read: " + column.type());
    }
  }

  private static String format(SparkTable table) {
    return table.format() == null ? "PARQUET" : table.format().toUpperCase(Locale.ROOT);
  }
}
