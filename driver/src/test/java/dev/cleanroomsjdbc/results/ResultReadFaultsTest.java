package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.execution.Execution;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reading results through a network that breaks: a TCP proxy of the test's own between the reader and S3 resets,
 * cuts short or stalls answers in the middle of a part file. Every row arrives once, or the read fails clearly.
 */
@Timeout(60)
class ResultReadFaultsTest {
  private static final MessageType WIDE = MessageTypeParser.parseMessageType(
      "message m { required int64 id; optional binary name (STRING); }");
  private static final int ROWS = 60_000;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  private static TestS3 s3;
  private static FaultyTcpProxy proxy;
  private static ResultReader reader;
  private static NamedResult result;
  private static RelDataType rowType;

  @BeforeAll
  static void writeResults() throws Exception {
    s3 = TestS3.start();
    for (int part = 0; part < 2; part++) {
      int from = part * ROWS / 2;
      s3.writeParquet("jobs/wide/out/part-0000" + part + ".parquet", WIDE,
          IntStream.range(from, from + ROWS / 2).mapToObj(ResultReadFaultsTest::row).toList());
    }
    proxy = new FaultyTcpProxy(s3.access().endpointOrNull());
    reader = new ResultReader(new S3Access(proxy.endpoint(), "us-east-1", s3.access().credentials(), true,
        READ_TIMEOUT));
    result = reader.list(TestS3.location("jobs/wide/")).get(0);
    rowType = reader.rowType(result, new JavaTypeFactoryImpl());
  }

  private static Group row(int i) {
    Group g = new SimpleGroup(WIDE);
    g.add("id", (long) i);
    g.add("name", "name-" + i);
    return g;
  }

  @AfterEach
  void heal() {
    proxy.heal();
  }

  @AfterAll
  static void stop() throws Exception {
    reader.close();
    proxy.close();
    s3.close();
  }

  /** Reads every row; checks each id arrives exactly once, in order. */
  private static void readsEveryRowOnce() {
    long expected = 0;
    try (Enumerator<Object[]> e = reader.open(result, rowType)) {
      while (e.moveNext()) {
        assertEquals(expected, e.current()[0]);
        expected++;
      }
    }
    assertEquals(ROWS, expected);
  }

  @Test
  void connectionsResetMidFileResumeFromTheByteReached() {
    proxy.breakNext(3, FaultyTcpProxy.Fault.RESET, 20_000);
    readsEveryRowOnce();
    assertEquals(3, proxy.injected(), "three resets were injected");
  }

  @Test
  void answersEndingEarlyMidFileResumeFromTheByteReached() {
    int before = proxy.injected();
    proxy.breakNext(3, FaultyTcpProxy.Fault.CUT, 20_000);
    readsEveryRowOnce();
    assertEquals(before + 3, proxy.injected());
  }

  @Test
  void aStallBecomesARetry() {
    int before = proxy.injected();
    proxy.breakNext(1, FaultyTcpProxy.Fault.STALL, 20_000);
    long start = System.nanoTime();
    readsEveryRowOnce();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(before + 1, proxy.injected());
    assertTrue(millis < 4 * READ_TIMEOUT.toMillis(), "read in " + millis + " ms");
  }

  @Test
  void aReadThatStaysStalledFailsWithResultIoErrorWithinTheDocumentedTime() {
    // every answer stalls before its first byte: the worst case, each GET waits out the SDK's attempts
    proxy.breakNext(1_000, FaultyTcpProxy.Fault.STALL, 0);
    long start = System.nanoTime();
    SQLException e;
    try (Enumerator<Object[]> rows = reader.open(result, rowType)) {
      ResultReadException failure = assertThrows(ResultReadException.class, () -> {
        while (rows.moveNext()) {
          rows.current();
        }
      });
      e = failure.getCause();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("58030", e.getSQLState(), e.getMessage());
    // documented bound: (MAX_RESUMES + 1) x 2 x the read timeout
    assertTrue(millis <= (ObjectStream.MAX_RESUMES + 1) * 2 * READ_TIMEOUT.toMillis() + 2_000,
        "failed after " + millis + " ms");
    System.err.println("stalled read failed 58030 after " + millis + " ms (read timeout " + READ_TIMEOUT + ")");
  }

  @Test
  void cancellingTheStatementEndsAStalledReadAtOnce() throws Exception {
    ResultReader patient = new ResultReader(new S3Access(proxy.endpoint(), "us-east-1", s3.access().credentials(),
        true, Duration.ofSeconds(30)));
    try {
      proxy.breakNext(1_000, FaultyTcpProxy.Fault.STALL, 20_000);
      Execution statement = new Execution(null);
      Enumerator<Object[]> rows;
      try (Execution.Scope scope = statement.enter()) {
        rows = patient.open(result, rowType);
      }
      Thread canceller = new Thread(() -> {
        sleep(700);
        statement.cancel(Execution.Stop.CANCELLED);
      });
      canceller.start();
      long start = System.nanoTime();
      ResultReadException failure = assertThrows(ResultReadException.class, () -> {
        while (rows.moveNext()) {
          rows.current();
        }
      });
      long millis = (System.nanoTime() - start) / 1_000_000;
      rows.close();
      assertEquals("57014", failure.getCause().getSQLState(), failure.getCause().getMessage());
      assertTrue(millis < 2_000, "the read ended " + millis + " ms after it began (cancelled at 700 ms)");
    } finally {
      patient.close();
    }
  }

  @Test
  void closingTheResultEndsAStalledReadAtOnce() {
    ResultReader patient = new ResultReader(new S3Access(proxy.endpoint(), "us-east-1", s3.access().credentials(),
        true, Duration.ofSeconds(30)));
    try {
      proxy.breakNext(1_000, FaultyTcpProxy.Fault.STALL, 20_000);
      Enumerator<Object[]> rows = patient.open(result, rowType);
      sleep(700);
      long start = System.nanoTime();
      rows.close();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 1_000, "close took " + millis + " ms");
    } finally {
      patient.close();
    }
  }

  @Test
  void anEmptyPartFileIsAnError() {
    s3.put("jobs/empty-part/out/part-00000-0a1b2c3d-0000-4000-8000-000000000001-c000.snappy.parquet",
        s3.get("jobs/wide/out/part-00000.parquet"));
    s3.put("jobs/empty-part/out/part-00001-0a1b2c3d-0000-4000-8000-000000000001-c000.snappy.parquet", new byte[0]);
    SQLException e = assertThrows(SQLException.class, () -> reader.list(TestS3.location("jobs/empty-part/")));
    assertEquals("58030", e.getSQLState());
    assertTrue(e.getMessage().contains("part-00001") && e.getMessage().contains("0 bytes"), e.getMessage());
  }

  @Test
  void aGapInATasksFileNumbersIsAnError() {
    byte[] file = s3.get("jobs/wide/out/part-00000.parquet");
    String uuid = "0a1b2c3d-0000-4000-8000-000000000002";
    s3.put("jobs/gap/out/part-00000-" + uuid + "-c000.snappy.parquet", file);
    s3.put("jobs/gap/out/part-00000-" + uuid + "-c002.snappy.parquet", file);
    s3.put("jobs/gap/out/part-00003-" + uuid + "-c000.snappy.parquet", file); // task numbers may skip
    SQLException e = assertThrows(SQLException.class, () -> reader.list(TestS3.location("jobs/gap/")));
    assertEquals("58030", e.getSQLState());
    assertTrue(e.getMessage().contains("part-00000-" + uuid + "-c001"), e.getMessage());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
