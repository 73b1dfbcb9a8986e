package dev.cleanroomsjdbc.results;

/** Where a Parquet converter puts one decoded value: a row slot, a list or a JSON object field. */
@FunctionalInterface
interface ValueSink {
  void accept(Object value);
}
