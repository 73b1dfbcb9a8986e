package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@code Object[]} rows (one value per column, null allowed) into Parquet records. */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private final MessageType schema;
  private final String[] names;
  private final ParquetColumns.ValueWriter[] writers;
  private RecordConsumer consumer;

  RowWriteSupport(List<ColumnSpec> columns) {
    this.schema = ParquetColumns.schema(columns);
    this.names = columns.stream().map(ColumnSpec::name).toArray(String[]::new);
    this.writers = columns.stream().map(ParquetColumns::writer).toArray(ParquetColumns.ValueWriter[]::new);
  }

  // Deprecated but still abstract; the ParquetConfiguration overload delegates here.
  @SuppressWarnings("deprecation")
  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, new HashMap<>());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    if (row.length != names.length) {
      throw new IllegalArgumentException("row has " + row.length + " values but the result has " + names.length
          + " columns");
    }
    consumer.startMessage();
    for (int i = 0; i < names.length; i++) {
      if (row[i] != null) {
        // An absent field is how Parquet spells null for an OPTIONAL column.
        consumer.startField(names[i], i);
        writers[i].write(consumer, row[i]);
        consumer.endField(names[i], i);
      }
    }
    consumer.endMessage();
  }
}
