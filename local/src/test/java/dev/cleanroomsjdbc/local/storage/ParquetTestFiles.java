package dev.cleanroomsjdbc.local.storage;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a result folder back with plain parquet-hadoop, independently of the production reader, for assertions.
 */
public final class ParquetTestFiles {

  /** A result read back: the schema of its first part, and every row of every part in key order. */
  public record Result(MessageType schema, List<S3Location> parts, List<Object[]> rows) {}

  private ParquetTestFiles() {}

  /** Reads every {@code part-*.parquet} under the folder; values are JDBC-like Java objects. */
  public static Result read(LocalS3 s3, S3Location folder) throws IOException {
    MessageType schema = null;
    List<S3Location> parts = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (S3Location object : s3.list(folder.resolve(""))) {
      String name = object.key().substring(object.key().lastIndexOf('/') + 1);
      if (!name.startsWith("part-")) {
        continue;
      }
      parts.add(object);
      Path temp = Files.createTempFile("parquet-test-", ".parquet");
      try {
        Files.write(temp, s3.read(object).orElseThrow());
        try (ParquetFileReader reader =
            ParquetFileReader.open(new LocalInputFile(temp), ParquetReadOptions.builder().build())) {
          MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
          schema = schema == null ? fileSchema : schema;
          PageReadStore pages;
          while ((pages = reader.readNextRowGroup()) != null) {
            RecordReader<Group> records = new ColumnIOFactory().getColumnIO(fileSchema)
                .getRecordReader(pages, new GroupRecordConverter(fileSchema));
            for (long r = 0; r < pages.getRowCount(); r++) {
              rows.add(values(fileSchema, records.read()));
            }
          }
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return new Result(schema, parts, rows);
  }

  private static Object[] values(MessageType schema, Group group) {
    Object[] row = new Object[schema.getFieldCount()];
    for (int f = 0; f < row.length; f++) {
      if (group.getFieldRepetitionCount(f) > 0) {
        row[f] = value(schema.getType(f).asPrimitiveType(), group, f);
      }
    }
    return row;
  }

  private static Object value(PrimitiveType type, Group group, int f) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled = switch (type.getPrimitiveTypeName()) {
        case INT32 -> BigInteger.valueOf(group.getInteger(f, 0));
        case INT64 -> BigInteger.valueOf(group.getLong(f, 0));
        default -> new BigInteger(group.getBinary(f, 0).getBytes());
      };
      return new BigDecimal(unscaled, decimal.getScale());
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(group.getInteger(f, 0));
    }
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      long micros = group.getLong(f, 0);
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
    if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.getBitWidth() == 16) {
      return (short) group.getInteger(f, 0);
    }
    if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.getBitWidth() == 8) {
      return (byte) group.getInteger(f, 0);
    }
    return switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getString(f, 0);
      case INT32 -> group.getInteger(f, 0);
      case INT64 -> group.getLong(f, 0);
      case DOUBLE -> group.getDouble(f, 0);
      case FLOAT -> group.getFloat(f, 0);
      case BOOLEAN -> group.getBoolean(f, 0);
      // Spark's default timestamp encoding: nanoseconds of the day, then the Julian day, little-endian
      case INT96 -> {
        java.nio.ByteBuffer b = group.getInt96(f, 0).toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanos = b.getLong();
        long julianDay = b.getInt();
        yield Instant.ofEpochSecond((julianDay - 2_440_588L) * 86_400L, nanos);
      }
    };
  }
}
