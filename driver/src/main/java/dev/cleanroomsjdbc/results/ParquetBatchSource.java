package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Decodes one Parquet file into {@link ColumnBatch}es, row group by row group: flat columns through the column
 * readers straight into the batch's primitive arrays (no record assembly, no boxing), nested and repeated ones
 * through record assembly as JSON text ({@link RowMaterializer}). Only the columns of the row type are read.
 */
final class ParquetBatchSource implements BatchStream.FileDecoder {
  private final ParquetFileReader reader;
  private final ColumnBatch.Kind[] kinds;
  private final String createdBy;
  private final MessageType flat;
  private final int[] flatTargets;
  private final VectorConverter[] converters;
  private final MessageColumnIO nestedIO;
  private final RowMaterializer nested;
  private final int[] nestedTargets;
  private final long rowCount;
  private ColumnReader[] readers;
  private RecordReader<Object[]> records;
  private long remaining;
  private int nextGroup;
  private BatchStream.Memory memory;
  /** The bytes of the row group being decoded, taken from the stream's memory bound. */
  private long held;

  ParquetBatchSource(InputFile file, RelDataType rowType) throws IOException, SQLException {
    this.reader = ParquetRowSource.open(file);
    try {
      this.kinds = ColumnBatch.kinds(rowType);
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<Type> flatFields = new ArrayList<>();
      List<Type> nestedFields = new ArrayList<>();
      List<Integer> flatIndexes = new ArrayList<>();
      List<Integer> nestedIndexes = new ArrayList<>();
      for (Type field : schema.getFields()) {
        RelDataTypeField target = rowType.getField(field.getName(), true, false);
        if (target == null) {
          continue;
        }
        ParquetRowSource.checkType(file, field, target);
        boolean isFlat = field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED);
        (isFlat ? flatFields : nestedFields).add(field);
        (isFlat ? flatIndexes : nestedIndexes).add(target.getIndex());
      }
      List<Type> requested = new ArrayList<>(flatFields);
      requested.addAll(nestedFields);
      reader.setRequestedSchema(new MessageType(schema.getName(), requested));
      this.flat = new MessageType(schema.getName(), flatFields);
      this.flatTargets = flatIndexes.stream().mapToInt(Integer::intValue).toArray();
      this.converters = new VectorConverter[flatFields.size()];
      for (int i = 0; i < converters.length; i++) {
        RelDataTypeField target = rowType.getFieldList().get(flatTargets[i]);
        converters[i] = VectorConverter.create(flatFields.get(i).asPrimitiveType(),
            target.getType().getSqlTypeName(), Math.max(0, target.getType().getScale()));
      }
      this.nestedTargets = nestedIndexes.stream().mapToInt(Integer::intValue).toArray();
      if (nestedFields.isEmpty()) {
        this.nestedIO = null;
        this.nested = null;
      } else {
        MessageType nestedSchema = new MessageType(schema.getName(), nestedFields);
        this.nestedIO = new ColumnIOFactory().getColumnIO(nestedSchema, schema);
        this.nested = new RowMaterializer(nestedSchema, nestedTargets, rowType);
      }
      this.rowCount = reader.getRecordCount();
    } catch (SQLException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** The compressed bytes of the next row group (what reading it holds in memory), 0 after the last. */
  private long nextRowGroupBytes() {
    var blocks = reader.getRowGroups();
    return nextGroup < blocks.size() ? blocks.get(nextGroup).getCompressedSize() : 0;
  }

  /** Fills {@code batch} with the next rows; false at the end of the file. */
  @Override
  public boolean fill(ColumnBatch batch, BatchStream.Memory memory) throws IOException {
    while (remaining == 0) {
      this.memory = memory;
      memory.give(held);
      held = 0;
      if (!nextRowGroup()) {
        batch.size(0);
        return false;
      }
    }
    int n = (int) Math.min(batch.capacity(), remaining);
    for (int i = 0; i < converters.length; i++) {
      readColumn(readers[i], converters[i], batch, flatTargets[i], n);
    }
    if (nested != null) {
      for (int r = 0; r < n; r++) {
        Object[] row = records.read();
        for (int target : nestedTargets) {
          batch.put(target, r, row[target]);
        }
      }
    }
    if (readers.length == 0 && nested == null) {
      for (int c = 0; c < kinds.length; c++) {
        java.util.Arrays.fill(batch.nulls(c), 0, n, true);
      }
    }
    batch.size(n);
    remaining -= n;
    return true;
  }

  private static void readColumn(ColumnReader column, VectorConverter converter, ColumnBatch batch, int c, int n) {
    converter.bind(batch, c);
    boolean[] nulls = batch.nulls(c);
    int defined = column.getDescriptor().getMaxDefinitionLevel();
    for (int r = 0; r < n; r++) {
      if (column.getCurrentDefinitionLevel() == defined) {
        converter.row = r;
        column.writeCurrentValueToConverter();
        nulls[r] = false;
      } else {
        nulls[r] = true;
      }
      column.consume();
    }
  }

  private boolean nextRowGroup() throws IOException {
    if (converters.length == 0 && nested == null) {
      // no column of the file is wanted: only the row count matters
      if (readers != null) {
        return false;
      }
      readers = new ColumnReader[0];
      remaining = rowCount;
      return rowCount > 0;
    }
    long bytes = nextRowGroupBytes();
    if (bytes == 0 && nextGroup >= reader.getRowGroups().size()) {
      return false;
    }
    memory.take(bytes);
    held = bytes;
    PageReadStore pages = reader.readNextRowGroup();
    if (pages == null) {
      return false;
    }
    nextGroup++;
    remaining = pages.getRowCount();
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new Flat(converters), flat, createdBy);
    List<ColumnDescriptor> columns = flat.getColumns();
    readers = new ColumnReader[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = store.getColumnReader(columns.get(i));
    }
    if (nested != null) {
      records = nestedIO.getRecordReader(pages, nested);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    if (memory != null) {
      memory.give(held);
      held = 0;
    }
    reader.close();
  }

  /** The root converter the column store asks for each flat column's converter. */
  private static final class Flat extends GroupConverter {
    private final Converter[] converters;

    Flat(Converter[] converters) {
      this.converters = converters;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }
  }
}
