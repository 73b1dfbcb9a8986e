package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Reads one Parquet file row group by row group, decoding only the columns of the row type. */
final class ParquetRowSource implements RowSource {

  private final ParquetFileReader reader;
  private final int width;
  private final MessageColumnIO columnIO;
  private final RowMaterializer materializer;
  private RecordReader<Object[]> records;
  private long remaining;

  ParquetRowSource(InputFile file, RelDataType rowType) throws IOException, SQLException {
    this.reader = open(file);
    try {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      this.width = rowType.getFieldCount();
      List<Type> requested = new ArrayList<>();
      List<Integer> targets = new ArrayList<>();
      for (Type field : schema.getFields()) {
        RelDataTypeField target = rowType.getField(field.getName(), true, false);
        if (target != null) {
          checkType(file, field, target);
          requested.add(field);
          targets.add(target.getIndex());
        }
      }
      if (requested.isEmpty()) {
        // nothing to decode: only the row count matters (e.g. a projection with no matching column)
        this.columnIO = null;
        this.materializer = null;
        this.remaining = reader.getRecordCount();
      } else {
        MessageType projection = new MessageType(schema.getName(), requested);
        reader.setRequestedSchema(projection);
        this.columnIO = new ColumnIOFactory().getColumnIO(projection, schema);
        this.materializer = new RowMaterializer(projection,
            targets.stream().mapToInt(Integer::intValue).toArray(), rowType);
      }
    } catch (SQLException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /**
   * Opens a file with the driver's own codecs ({@link ParquetCodecs}); a file in a codec the driver does not
   * read is refused here, before its first row.
   */
  static ParquetFileReader open(InputFile file) throws IOException, SQLException {
    // Plain configuration: the no-argument builder would create a Hadoop Configuration, which the driver never runs
    ParquetFileReader reader = ParquetFileReader.open(file, ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(ParquetCodecs.INSTANCE).build());
    for (BlockMetaData block : reader.getFooter().getBlocks()) {
      for (ColumnChunkMetaData column : block.getColumns()) {
        if (!ParquetCodecs.READABLE.contains(column.getCodec())) {
          reader.close();
          throw SqlState.FEATURE_NOT_SUPPORTED.exception("Result file " + file + " is compressed with "
              + column.getCodec() + ", which the driver does not read (it reads " + ParquetCodecs.READABLE
              + "). Write the result with one of those codecs (Spark: spark.sql.parquet.compression.codec).");
        }
      }
    }
    return reader;
  }

  /** Files of one result must agree on column types; the first file's footer defines the row type. */
  static void checkType(InputFile file, Type field, RelDataTypeField target) throws SQLException {
    SqlTypeName actual = ParquetTypes.sqlTypeName(field);
    if (actual != target.getType().getSqlTypeName()) {
      throw SqlState.RESULT_IO_ERROR.exception("Result file " + file + " has column " + field.getName()
          + " of type " + actual + ", but the result's first file has " + target.getType().getSqlTypeName()
          + ". The files under one result folder must share a schema; re-run the job.");
    }
  }

  @Override
  public Object[] next() throws IOException {
    if (materializer == null) {
      return remaining-- > 0 ? new Object[width] : null;
    }
    while (remaining == 0) {
      PageReadStore pages = reader.readNextRowGroup();
      if (pages == null) {
        return null;
      }
      remaining = pages.getRowCount();
      records = columnIO.getRecordReader(pages, materializer);
    }
    remaining--;
    return records.read();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
