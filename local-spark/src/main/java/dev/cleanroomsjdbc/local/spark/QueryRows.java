package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkColumn;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkRows;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * A query's rows, fetched a partition at a time ({@code toLocalIterator}), as JDK values with Glue column types;
 * column names are lower-cased as Clean Rooms shows them, and types Glue lacks are cast to strings by Spark.
 */
final class QueryRows implements SparkRows {
  private final List<SparkColumn> columns = new ArrayList<>();
  private final Iterator<Row> rows;
  private final JobGroup group;
  private final ClassLoader sparkLoader;

  QueryRows(Dataset<Row> frame, JobGroup group, ClassLoader sparkLoader) throws SparkJobFailure {
    this.group = group;
    this.sparkLoader = sparkLoader;
    List<Column> select = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StructField field : frame.schema().fields()) {
      String name = field.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new SparkJobFailure("MALFORMED_QUERY", "the result has two columns named '" + name
            + "'; give them distinct aliases");
      }
      String glue = glueType(field.dataType());
      Column column = functions.col("`" + field.name().replace("`", "``") + "`");
      select.add((glue == null ? column.cast(DataTypes.StringType) : column).as(name));
      columns.add(new SparkColumn(name, glue == null ? "string" : glue));
    }
    this.rows = frame.select(select.toArray(Column[]::new)).toLocalIterator();
  }

  static String glueType(DataType type) {
    if (type instanceof DecimalType d) {
      return "decimal(" + d.precision() + "," + d.scale() + ")";
    }
    return switch (type.typeName()) {
      case "string" -> "string";
      case "long" -> "bigint";
      case "integer" -> "int";
      case "short" -> "smallint";
      case "byte" -> "tinyint";
      case "double" -> "double";
      case "float" -> "float";
      case "boolean" -> "boolean";
      case "date" -> "date";
      case "timestamp", "timestamp_ntz" -> "timestamp";
      default -> null;
    };
  }

  @Override
  public List<SparkColumn> columns() {
    return columns;
  }

  @Override
  public boolean hasNext() {
    return inSparkLoader(rows::hasNext);
  }

  @Override
  public Object[] next() {
    Row row = inSparkLoader(rows::next);
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      Object v = row.get(i);
      values[i] = v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : v;
    }
    return values;
  }

  private <T> T inSparkLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(sparkLoader);
    try {
      return work.get();
    } catch (Exception e) {
      group.throwIfCancelled(e);
      throw new IllegalStateException(Failures.of("MALFORMED_QUERY", "", e).getMessage());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() {
    group.close();
  }
}
