package dev.cleanroomsjdbc.local.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.TableSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TableReaderTest {
  private static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("id", "bigint"),
      new ColumnSpec("name", "string"), new ColumnSpec("score", "decimal(5,1)"), new ColumnSpec("ok", "boolean"),
      new ColumnSpec("day", "date"), new ColumnSpec("at", "timestamp"), new ColumnSpec("small", "smallint"));
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start(0, null);
    s3.createBucket("data");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static List<Object[]> readAll(TableSource table) {
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterator<Object[]> it = TableReader.open(s3, table)) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void csvValuesAreConvertedPerGlueTypeAndEmptyUnquotedFieldsAreNull() {
    s3.putText(new S3Location("data", "csv/t/part-1.csv"),
        "AT,Id,name,score,ok,day,small\n"
            + "2024-01-02 03:04:05.678,1,\"Ann, A.\",12.35,TRUE,2024-01-31,7\n"
            + ",2,\"\",,,,\n");
    s3.putText(new S3Location("data", "csv/t/part-2.csv"), "id,name\n3,Cy\n");

    List<Object[]> rows = readAll(new TableSource("t", COLUMNS, new S3Location("data", "csv/t"), "CSV"));

    assertEquals(3, rows.size());
    assertArrayEquals(new Object[] {1L, "Ann, A.", new BigDecimal("12.4"), true, LocalDate.of(2024, 1, 31),
        Instant.parse("2024-01-02T03:04:05.678Z"), (short) 7}, rows.get(0));
    assertArrayEquals(new Object[] {2L, "", null, null, null, null, null}, rows.get(1));
    assertArrayEquals(new Object[] {3L, "Cy", null, null, null, null, null}, rows.get(2));
  }

  @Test
  void aBadCsvValueIsATableDataErrorNamingTheColumn() {
    s3.putText(new S3Location("data", "bad/t.csv"), "id\nnot-a-number\n");
    TableDataException e = assertThrows(TableDataException.class,
        () -> readAll(new TableSource("t", List.of(new ColumnSpec("id", "bigint")), new S3Location("data", "bad/"),
            "CSV")));
    assertTrue(e.getMessage().contains("id") && e.getMessage().contains("not-a-number"), e.getMessage());
  }

  @Test
  void parquetFilesAreReadSkippingMarkersAndEmptyObjects() {
    S3Location folder = new S3Location("data", "pq/t");
    List<Object[]> written = List.of(
        new Object[] {1L, "a", new BigDecimal("1.5"), false, LocalDate.of(2020, 1, 1), Instant.ofEpochSecond(5),
            (short) -1},
        new Object[] {2L, null, null, null, null, null, null});
    ParquetResultWriter.write(s3, folder, COLUMNS, written.iterator(), 1, () -> false);
    s3.putBytes(folder.resolve("_committed_123"), new byte[] {1});
    s3.putBytes(folder.resolve(".hidden"), new byte[] {1});
    s3.putBytes(folder.resolve("part-0.parquet.crc"), new byte[] {1});
    s3.putBytes(folder.resolve("folder/"), new byte[0]);
    s3.putBytes(new S3Location("data", "pq/t2/other.parquet"), new byte[] {1});

    List<Object[]> rows = readAll(new TableSource("t", COLUMNS, folder, "PARQUET"));

    assertEquals(2, rows.size());
    assertArrayEquals(written.get(0), rows.get(0));
    assertArrayEquals(written.get(1), rows.get(1));
  }

  @Test
  void parquetColumnsAreMatchedByNameIgnoringCase() {
    ParquetResultWriter.write(s3, new S3Location("data", "renamed/t"),
        List.of(new ColumnSpec("Extra", "string"), new ColumnSpec("ID", "int")),
        List.<Object[]>of(new Object[] {"x", 9}).iterator(), 10, () -> false);

    List<Object[]> rows = readAll(new TableSource("t",
        List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("missing", "string")),
        new S3Location("data", "renamed/t/"), "PARQUET"));

    assertEquals(1, rows.size());
    assertArrayEquals(new Object[] {9L, null}, rows.get(0));
  }
}
