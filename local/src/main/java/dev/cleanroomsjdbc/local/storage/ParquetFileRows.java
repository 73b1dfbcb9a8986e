package dev.cleanroomsjdbc.local.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** The rows of one local Parquet file, one row group in memory at a time, as values of the declared columns. */
final class ParquetFileRows implements CloseableIterator<Object[]> {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final ParquetFileReader reader;
  private final MessageType schema;
  private final List<String> columnNames;
  private final GlueType[] types;
  /** For each declared column, its field index in the file, or -1 when the file lacks it (read as null). */
  private final int[] fieldIndex;
  private RecordReader<Group> records;
  private long remainingInGroup;

  ParquetFileRows(Path file, List<String> columnNames, GlueType[] types) throws IOException {
    this.reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build());
    this.schema = reader.getFooter().getFileMetaData().getSchema();
    this.columnNames = columnNames;
    this.types = types;
    this.fieldIndex = new int[columnNames.size()];
    for (int i = 0; i < fieldIndex.length; i++) {
      fieldIndex[i] = indexIgnoringCase(columnNames.get(i));
    }
  }

  private int indexIgnoringCase(String name) {
    List<Type> fields = schema.getFields();
    for (int f = 0; f < fields.size(); f++) {
      if (fields.get(f).getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return -1;
  }

  @Override
  public boolean hasNext() {
    try {
      while (remainingInGroup == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          return false;
        }
        remainingInGroup = pages.getRowCount();
        records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    remainingInGroup--;
    Group group = records.read();
    Object[] row = new Object[types.length];
    for (int i = 0; i < row.length; i++) {
      int f = fieldIndex[i];
      if (f >= 0 && group.getFieldRepetitionCount(f) > 0) {
        try {
          row[i] = GlueValues.coerce(raw(group, f), types[i]);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("column " + columnNames.get(i) + ": " + e.getMessage(), e);
        }
      }
    }
    return row;
  }

  private Object raw(Group group, int f) {
    Type field = schema.getType(f);
    if (!field.isPrimitive()) {
      throw new IllegalArgumentException("nested Parquet field " + field.getName() + " is not supported");
    }
    PrimitiveType primitive = field.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled = switch (primitive.getPrimitiveTypeName()) {
        case INT32 -> BigInteger.valueOf(group.getInteger(f, 0));
        case INT64 -> BigInteger.valueOf(group.getLong(f, 0));
        default -> new BigInteger(group.getBinary(f, 0).getBytes());
      };
      return new BigDecimal(unscaled, decimal.getScale());
    }
    return switch (primitive.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getString(f, 0);
      case BOOLEAN -> group.getBoolean(f, 0);
      case DOUBLE -> group.getDouble(f, 0);
      case FLOAT -> group.getFloat(f, 0);
      case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          ? LocalDate.ofEpochDay(group.getInteger(f, 0))
          : (Object) group.getInteger(f, 0);
      case INT64 -> logical instanceof TimestampLogicalTypeAnnotation ts
          ? timestamp(group.getLong(f, 0), ts.getUnit())
          : (Object) group.getLong(f, 0);
      case INT96 -> int96(group.getInt96(f, 0).getBytes());
    };
  }

  private static Instant timestamp(long value, LogicalTypeAnnotation.TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(value);
      case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
      case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    };
  }

  /** Spark's legacy timestamp: nanos of day (8 bytes) then the Julian day (4 bytes), little-endian. */
  private static Instant int96(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong();
    long julianDay = buffer.getInt();
    return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
