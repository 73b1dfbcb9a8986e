package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ResultReadErrorsTest {

  private static final MessageType WIDE = MessageTypeParser.parseMessageType(
      "message m { required int64 id; optional binary name (STRING); }");
  private static final int BIG_ROWS = 30_000;

  private static TestS3 s3;
  private static ResultReader reader;
  private static byte[] goodFile;
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();

  @BeforeAll
  static void writeResults() throws Exception {
    s3 = TestS3.start();
    s3.writeParquet("jobs/good/out/part-00000.parquet", AllTypesFixture.SCHEMA,
        IntStream.range(0, 10).mapToObj(AllTypesFixture::row).toList());
    goodFile = s3.get("jobs/good/out/part-00000.parquet");
    s3.writeParquet("jobs/big/out/part-00000.parquet", WIDE,
        IntStream.range(0, BIG_ROWS).mapToObj(ResultReadErrorsTest::wideRow).toList());
    reader = new ResultReader(s3.access());
  }

  private static Group wideRow(int i) {
    Group g = new SimpleGroup(WIDE);
    g.add("id", (long) i);
    g.add("name", "name-" + i);
    return g;
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

  private static void assertNoReaderThread() throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (readerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, readerThreads(), "cleanrooms-result-reader threads still alive");
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("cleanrooms-result-reader")).count();
  }

  @Test
  void aTruncatedFileFailsTheStreamAfterTheRowsBeforeIt() throws Exception {
    s3.put("jobs/truncated/out/part-00000.parquet", goodFile);
    s3.put("jobs/truncated/out/part-00001.parquet", Arrays.copyOf(goodFile, goodFile.length / 2));
    NamedResult result = reader.list(TestS3.location("jobs/truncated/")).get(0);
    RelDataType rowType = reader.rowType(result, types);
    int rows = 0;
    ResultReadException error;
    try (Enumerator<Object[]> e = reader.open(result, rowType)) {
      while (rows < 10) {
        assertTrue(e.moveNext(), "row " + rows + " of the intact first file");
        assertArrayEquals(AllTypesFixture.expected(rows), e.current());
        rows++;
      }
      assertTrue(e.moveNext(), "the failure takes the place of the next row");
      error = assertThrows(ResultReadException.class, e::current);
      assertThrows(ResultReadException.class, e::moveNext);
    }
    SQLException cause = error.getCause();
    assertEquals("58030", cause.getSQLState());
    assertTrue(cause.getMessage().contains("s3://results/jobs/truncated/out/part-00001.parquet"),
        cause.getMessage());
    assertNoReaderThread();
  }

  @Test
  void aTruncatedFirstFileFailsTheRowTypeWithResultIoError() throws Exception {
    s3.put("jobs/truncated-first/out/part-00000.parquet", Arrays.copyOf(goodFile, goodFile.length / 2));
    NamedResult result = reader.list(TestS3.location("jobs/truncated-first/")).get(0);
    SQLException e = assertThrows(SQLException.class, () -> reader.rowType(result, types));
    assertEquals("58030", e.getSQLState());
    assertTrue(e.getMessage().contains("part-00000.parquet"), e.getMessage());
  }

  @Test
  void aFileDeletedAfterListingFailsFastWithResultIoError() throws Exception {
    s3.put("jobs/deleted/out/part-00000.parquet", goodFile);
    s3.put("jobs/deleted/out/part-00001.parquet", goodFile);
    NamedResult result = reader.list(TestS3.location("jobs/deleted/")).get(0);
    RelDataType rowType = reader.rowType(result, types);
    s3.delete("jobs/deleted/out/part-00001.parquet");
    long start = System.nanoTime();
    ResultReadException error;
    try (Enumerator<Object[]> e = reader.open(result, rowType)) {
      for (int i = 0; i < 10; i++) {
        assertTrue(e.moveNext());
      }
      assertTrue(e.moveNext(), "the failure takes the place of the next row");
      error = assertThrows(ResultReadException.class, e::current);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("58030", error.getCause().getSQLState());
    assertTrue(error.getMessage().contains("no longer exists"), error.getMessage());
    assertTrue(millis < 5_000, "failed after " + millis + " ms");
  }

  @Test
  void closingEarlyStopsTheReaderThread() throws Exception {
    NamedResult result = reader.list(TestS3.location("jobs/big/")).get(0);
    Enumerator<Object[]> e = reader.open(result, reader.rowType(result, types));
    for (int i = 0; i < 5; i++) {
      assertTrue(e.moveNext());
      assertArrayEquals(new Object[] {(long) i, "name-" + i}, e.current());
    }
    // let the reader fill the bounded queue and block on it
    Thread.sleep(300);
    assertEquals(1, readerThreads());
    e.close();
    assertNoReaderThread();
    assertFalse(e.moveNext());
  }

  @Test
  void aStreamOfManyBatchesDeliversEveryRowOnce() throws Exception {
    NamedResult result = reader.list(TestS3.location("jobs/big/")).get(0);
    long sum = 0;
    int count = 0;
    try (Enumerator<Object[]> e = reader.open(result, reader.rowType(result, types))) {
      while (e.moveNext()) {
        sum += (Long) e.current()[0];
        count++;
      }
    }
    assertEquals(BIG_ROWS, count);
    assertEquals((long) BIG_ROWS * (BIG_ROWS - 1) / 2, sum);
    assertNoReaderThread();
  }

  @Test
  void closingTheReaderStopsItsOpenEnumeratorsAndForgetsItsCredentials() throws Exception {
    ResultReader own = new ResultReader(s3.access());
    NamedResult result = own.list(TestS3.location("jobs/big/")).get(0);
    Enumerator<Object[]> e = own.open(result, own.rowType(result, types));
    assertTrue(e.moveNext());
    own.close();
    assertNoReaderThread();
    SQLException closed = assertThrows(SQLException.class, () -> own.list(TestS3.location("jobs/big/")));
    assertEquals("08003", closed.getSQLState());
  }
}
