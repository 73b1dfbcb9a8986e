package dev.cleanroomsjdbc.local.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ParquetResultWriterTest {
  private static final List<ColumnSpec> EVERY_TYPE = List.of(
      new ColumnSpec("s", "string"), new ColumnSpec("vc", "varchar(10)"), new ColumnSpec("b", "bigint"),
      new ColumnSpec("i", "int"), new ColumnSpec("sm", "smallint"), new ColumnSpec("ti", "tinyint"),
      new ColumnSpec("d", "double"), new ColumnSpec("f", "float"), new ColumnSpec("d9", "decimal(9,2)"),
      new ColumnSpec("d18", "decimal(18,3)"), new ColumnSpec("d38", "decimal(38,4)"), new ColumnSpec("bo", "boolean"),
      new ColumnSpec("dt", "date"), new ColumnSpec("ts", "timestamp"));
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start(0, null);
    s3.createBucket("results");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void everyTypeRoundTripsWithNullsAndSparkParquetTypes() throws IOException {
    Object[] full = {"text", "vc", 7, 42, 3, 2, 1.5, 0.25f, new BigDecimal("1234567.891"),
        new BigDecimal("-123456789012345.678"), new BigDecimal("-1234567890123456789012345678901234.5678"), true,
        java.sql.Date.valueOf("2024-02-29"), Instant.parse("2024-01-01T00:00:00.123456Z")};
    Object[] nulls = new Object[EVERY_TYPE.size()];
    Object[] otherJavaTypes = {"", "", 8L, (short) 1, (byte) 1, (byte) 1, 2.0f, 1.0, 5L, new BigDecimal("1"),
        new BigDecimal("2"), false, LocalDate.of(1969, 12, 31), LocalDateTime.of(1999, 12, 31, 23, 59, 59)};
    S3Location folder = new S3Location("results", "every-type");

    ParquetResultWriter.write(s3, folder, EVERY_TYPE, List.of(full, nulls, otherJavaTypes).iterator(), 10, () -> false);

    ParquetTestFiles.Result result = ParquetTestFiles.read(s3, folder);
    assertPrimitive(result.schema().getType("s"), PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertPrimitive(result.schema().getType("b"), PrimitiveTypeName.INT64, null);
    assertPrimitive(result.schema().getType("i"), PrimitiveTypeName.INT32, null);
    assertPrimitive(result.schema().getType("sm"), PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true));
    assertPrimitive(result.schema().getType("ti"), PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(8, true));
    assertPrimitive(result.schema().getType("f"), PrimitiveTypeName.FLOAT, null);
    assertPrimitive(result.schema().getType("d9"), PrimitiveTypeName.INT32, LogicalTypeAnnotation.decimalType(2, 9));
    assertPrimitive(result.schema().getType("d18"), PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(3, 18));
    assertPrimitive(result.schema().getType("d38"), PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY,
        LogicalTypeAnnotation.decimalType(4, 38));
    assertEquals(16, result.schema().getType("d38").asPrimitiveType().getTypeLength());
    assertPrimitive(result.schema().getType("dt"), PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
    assertPrimitive(result.schema().getType("ts"), PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
    assertTrue(result.schema().getFields().stream().allMatch(t -> t.getRepetition() == Type.Repetition.OPTIONAL));

    assertArrayEquals(new Object[] {"text", "vc", 7L, 42, (short) 3, (byte) 2, 1.5, 0.25f, new BigDecimal("1234567.89"),
        new BigDecimal("-123456789012345.678"), new BigDecimal("-1234567890123456789012345678901234.5678"), true,
        LocalDate.of(2024, 2, 29), Instant.parse("2024-01-01T00:00:00.123456Z")}, result.rows().get(0));
    assertArrayEquals(nulls, result.rows().get(1));
    assertArrayEquals(new Object[] {"", "", 8L, 1, (short) 1, (byte) 1, 2.0, 1.0f, new BigDecimal("5.00"),
        new BigDecimal("1.000"), new BigDecimal("2.0000"), false, LocalDate.of(1969, 12, 31),
        Instant.parse("1999-12-31T23:59:59Z")}, result.rows().get(2));
  }

  private static void assertPrimitive(Type type, PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
    PrimitiveType primitive = type.asPrimitiveType();
    assertEquals(physical, primitive.getPrimitiveTypeName(), type.getName());
    assertEquals(logical, primitive.getLogicalTypeAnnotation(), type.getName());
  }

  @Test
  void startsANewPartEveryRowsPerPartRowsAndEndsWithSuccess() throws IOException {
    List<ColumnSpec> columns = List.of(new ColumnSpec("n", "bigint"), new ColumnSpec("ts", "timestamp"));
    S3Location folder = new S3Location("results", "job/parts");
    var rows = LongStream.range(0, 2_500).mapToObj(n -> new Object[] {n, new Timestamp(n * 1000)}).iterator();

    List<S3Location> written = ParquetResultWriter.write(s3, folder, columns, rows, 1_000, () -> false);

    assertEquals(4, written.size());
    assertEquals(folder.resolve("_SUCCESS"), written.get(3));
    assertEquals(0, s3.read(folder.resolve("_SUCCESS")).orElseThrow().length);
    for (int part = 0; part < 3; part++) {
      String name = written.get(part).key().substring("job/parts/".length());
      // one Spark task splitting its output at maxRecordsPerFile: c000, c001, ... (the driver checks for gaps)
      assertTrue(name.matches("part-00000-[0-9a-f-]{36}-c00" + part + "\\.snappy\\.parquet"), name);
    }
    ParquetTestFiles.Result result = ParquetTestFiles.read(s3, folder);
    assertEquals(3, result.parts().size());
    assertEquals(2_500, result.rows().size());
    for (int n = 0; n < 2_500; n++) {
      assertEquals((long) n, result.rows().get(n)[0]);
    }
  }

  @Test
  void anEmptyResultStillWritesOnePartWithItsSchema() throws IOException {
    S3Location folder = new S3Location("results", "empty");
    List<S3Location> written = ParquetResultWriter.write(s3, folder, EVERY_TYPE, Collections.emptyIterator(), 100,
        () -> false);

    assertEquals(2, written.size());
    ParquetTestFiles.Result result = ParquetTestFiles.read(s3, folder);
    assertEquals(EVERY_TYPE.size(), result.schema().getFieldCount());
    assertEquals(0, result.rows().size());
  }

  @Test
  void anUnknownGlueTypeIsAnErrorNamingTheColumn() {
    List<ColumnSpec> columns = List.of(new ColumnSpec("fine", "int"), new ColumnSpec("tags", "array<string>"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParquetResultWriter.write(
        s3, new S3Location("results", "bad"), columns, Collections.emptyIterator(), 10, () -> false));
    assertTrue(e.getMessage().contains("tags"), e.getMessage());
    assertTrue(s3.list(new S3Location("results", "bad/")).isEmpty());
  }

  @Test
  void cancellingStopsTheWriterWithoutSuccessMarker() {
    AtomicLong produced = new AtomicLong();
    var endless = LongStream.iterate(0, n -> n + 1).mapToObj(n -> {
      produced.incrementAndGet();
      return new Object[] {n};
    }).iterator();
    S3Location folder = new S3Location("results", "cancelled");

    assertThrows(CancellationException.class, () -> ParquetResultWriter.write(s3, folder,
        List.of(new ColumnSpec("n", "bigint")), endless, 1_000, () -> produced.get() > 5_000));

    assertTrue(produced.get() < 6_000, "rows produced after cancel: " + produced.get());
    assertTrue(s3.read(folder.resolve("_SUCCESS")).isEmpty());
  }
}

