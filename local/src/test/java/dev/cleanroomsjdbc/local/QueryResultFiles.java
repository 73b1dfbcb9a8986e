package dev.cleanroomsjdbc.local;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads protected query results back through the S3 SDK client, independently of the server's code. */
final class QueryResultFiles {
  private QueryResultFiles() {}

  /** The object's text. */
  static String text(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
  }

  /** Every record of a CSV object, the header row first. */
  // The deprecated constructor, for the reason CsvFileRows gives (commons-io on this class path is too old for
  // the builder).
  @SuppressWarnings("deprecation")
  static List<List<String>> csv(S3Client s3, String bucket, String key) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = new CSVParser(new StringReader(text(s3, bucket, key)), CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  /** The column names of a Parquet object, then each row's values as text (null for a missing value). */
  static List<List<String>> parquet(S3Client s3, String bucket, String key) throws IOException {
    Path temp = Files.createTempFile("query-result-", ".parquet");
    try {
      Files.write(temp, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
      try (ParquetFileReader reader =
          ParquetFileReader.open(new LocalInputFile(temp), ParquetReadOptions.builder().build())) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        schema.getFields().forEach(f -> header.add(f.getName()));
        rows.add(header);
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
              .getRecordReader(pages, new GroupRecordConverter(schema));
          for (long r = 0; r < pages.getRowCount(); r++) {
            Group group = records.read();
            List<String> row = new ArrayList<>();
            for (int f = 0; f < schema.getFieldCount(); f++) {
              row.add(group.getFieldRepetitionCount(f) == 0 ? null : group.getValueToString(f, 0));
            }
            rows.add(row);
          }
        }
        return rows;
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
