package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Results in every Parquet codec a Spark job can write are read with the driver's pure-Java decompressors, value for
 * value; a codec the driver does not carry is refused before the first row, naming it.
 */
@Timeout(60)
class ParquetCodecsTest {

  private static final int ROWS = 1_200;

  private static TestS3 s3;
  private static ResultReader reader;

  @BeforeAll
  static void start() throws Exception {
    s3 = TestS3.start();
    reader = new ResultReader(s3.access());
  }

  @AfterAll
  static void stop() throws Exception {
    if (reader != null) {
      reader.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW", "LZ4"})
  void everyRowOfAFileInThisCodecReadsBackExactly(CompressionCodecName codec) throws Exception {
    String prefix = "jobs/codec-" + codec + "/out/";
    s3.writeParquet(prefix + "part-00000.parquet", AllTypesFixture.SCHEMA,
        IntStream.range(0, ROWS).mapToObj(AllTypesFixture::row).toList(), codec);
    NamedResult result = reader.list(TestS3.location("jobs/codec-" + codec + "/")).get(0);
    RelDataType rowType = reader.rowType(result, new JavaTypeFactoryImpl());
    int count = 0;
    try (Enumerator<Object[]> rows = reader.open(result, rowType)) {
      while (rows.moveNext()) {
        assertArrayEquals(AllTypesFixture.expected(count), rows.current(), codec + " row " + count);
        count++;
      }
    }
    assertEquals(ROWS, count);
  }

  @Test
  void aFileInACodecTheDriverDoesNotReadIsRefusedNamingTheCodec() throws Exception {
    s3.put("jobs/brotli/out/part-00000.parquet", fileLabelledBrotli());
    NamedResult result = reader.list(TestS3.location("jobs/brotli/")).get(0);
    SQLException e = assertThrows(SQLException.class, () -> reader.rowType(result, new JavaTypeFactoryImpl()));
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("compressed with BROTLI"), e.getMessage());
    assertTrue(e.getMessage().contains("SNAPPY"), "names the codecs it reads: " + e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  /** A Parquet file whose pages are stored as they are but whose metadata says BROTLI (no Java codec writes it). */
  private static byte[] fileLabelledBrotli() throws Exception {
    Path file = Files.createTempFile("brotli", ".parquet");
    Files.delete(file);
    CompressionCodecFactory labelOnly = new CompressionCodecFactory() {
      @Override
      public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return new BytesInputCompressor() {
          @Override
          public BytesInput compress(BytesInput bytes) {
            return bytes;
          }

          @Override
          public CompressionCodecName getCodecName() {
            return CompressionCodecName.BROTLI;
          }

          @Override
          public void release() {}
        };
      }

      @Override
      public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void release() {}
    };
    try (ParquetWriter<Group> out = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(AllTypesFixture.SCHEMA).withConf(new Configuration()).withCodecFactory(labelOnly)
        .withCompressionCodec(CompressionCodecName.BROTLI).build()) {
      for (Group row : List.of(AllTypesFixture.row(1), AllTypesFixture.row(2))) {
        out.write(row);
      }
    }
    try {
      return Files.readAllBytes(file);
    } finally {
      Files.delete(file);
    }
  }
}
