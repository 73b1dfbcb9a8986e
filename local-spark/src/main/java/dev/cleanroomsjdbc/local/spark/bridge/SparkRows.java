package dev.cleanroomsjdbc.local.spark.bridge;

import java.util.Iterator;
import java.util.List;

/** A query's rows as they are computed, with its columns in Glue types; closing it stops the query. */
public interface SparkRows extends Iterator<Object[]>, AutoCloseable {

  List<SparkColumn> columns();

  @Override
  void close();
}
