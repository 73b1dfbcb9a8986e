package dev.cleanroomsjdbc.local.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.storage.CloseableIterator;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.ParquetTestFiles;
import dev.cleanroomsjdbc.local.storage.S3Location;
import dev.cleanroomsjdbc.testjobs.Failing;
import dev.cleanroomsjdbc.testjobs.Slow;
import dev.cleanroomsjdbc.testjobs.TwoResults;
import dev.cleanroomsjdbc.testjobs.TypedRows;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LocalJobRuntimeTest {
  private static final S3Location CUSTOMERS = new S3Location("data", "customers/");
  private static final S3Location ORDERS = new S3Location("data", "orders/");
  private static final Map<String, TableSource> TABLES = Map.of(
      "customers", new TableSource("customers",
          List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("name", "string")), CUSTOMERS, "PARQUET"),
      "orders", new TableSource("orders", List.of(new ColumnSpec("order_id", "int"),
          new ColumnSpec("customer_id", "bigint"), new ColumnSpec("amount", "decimal(10,2)"),
          new ColumnSpec("day", "date")), ORDERS, "CSV"));
  private static final AtomicInteger JOBS = new AtomicInteger();
  private static LocalS3 s3;
  private static LocalJobRuntime runtime;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start(0, null);
    s3.createBucket("data");
    s3.createBucket("results");
    ParquetResultWriter.write(s3, CUSTOMERS, TABLES.get("customers").columns(),
        List.of(new Object[] {1L, "Ann"}, new Object[] {2L, "Bob"}, new Object[] {3L, "Cy"}).iterator(), 2,
        () -> false);
    s3.putText(ORDERS.resolve("orders.csv"), "order_id,customer_id,amount,day\n"
        + "10,1,5.50,2024-01-15\n11,1,4.25,2024-02-01\n12,2,100,2024-02-03\n13,9,1,\n");
    runtime = new LocalJobRuntime(s3, 1_000);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  /** Stores the entry point and returns a spec whose results go to a fresh prefix. */
  private static JobSpec job(String entryPointKey, String body, Map<String, String> parameters) {
    S3Location entryPoint = new S3Location("data", "templates/" + JOBS.incrementAndGet() + "/" + entryPointKey);
    s3.putText(entryPoint, body);
    String jobId = "job-" + JOBS.get();
    return new JobSpec(jobId, entryPoint, TABLES, parameters, new S3Location("results", "out/" + jobId));
  }

  private static JobFailure failureOf(JobSpec spec) {
    return assertThrows(JobFailure.class, () -> runtime.run(spec, () -> false));
  }

  @Test
  void aSqlScriptJoiningParquetAndCsvTablesWritesTwoNamedResults() throws Exception {
    JobSpec spec = job("job.sql", """
        -- result: totals
        SELECT c.Name, SUM(o.amount) AS total, COUNT(*) AS orders
        FROM customers c JOIN `ORDERS` o ON c.id = o.customer_id
        GROUP BY c.name ORDER BY c.name;

        -- result: february
        SELECT order_id, `day` FROM orders WHERE `day` >= DATE '2024-02-01' ORDER BY order_id;
        """, Map.of());

    assertEquals(List.of("totals", "february"), runtime.run(spec, () -> false));

    ParquetTestFiles.Result totals = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("totals"));
    MessageType schema = totals.schema();
    assertEquals(List.of("name", "total", "orders"), schema.getFields().stream().map(f -> f.getName()).toList());
    assertEquals(PrimitiveTypeName.INT64, schema.getType("orders").asPrimitiveType().getPrimitiveTypeName());
    assertTrue(schema.getType("total").getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d && d.getScale() == 2);
    assertEquals(2, totals.rows().size());
    assertArrayEquals(new Object[] {"Ann", new BigDecimal("9.75"), 2L}, totals.rows().get(0));
    assertArrayEquals(new Object[] {"Bob", new BigDecimal("100.00"), 1L}, totals.rows().get(1));

    ParquetTestFiles.Result february = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("february"));
    assertArrayEquals(new Object[] {11, LocalDate.of(2024, 2, 1)}, february.rows().get(0));
    assertArrayEquals(new Object[] {12, LocalDate.of(2024, 2, 3)}, february.rows().get(1));
    assertTrue(s3.read(spec.resultPrefix().resolve("february/_SUCCESS")).isPresent());
  }

  @Test
  void aSingleUnnamedStatementIsNamedResult() throws Exception {
    JobSpec spec = job("one.sql", "select count(*) as n from customers;", Map.of());
    assertEquals(List.of("result"), runtime.run(spec, () -> false));
    assertArrayEquals(new Object[] {3L}, ParquetTestFiles.read(s3, spec.resultPrefix().resolve("result")).rows().get(0));
  }

  @Test
  void aSqlErrorFailsWithMalformedScriptAndCalcitesMessage() {
    JobFailure failure = failureOf(job("bad.sql", "select no_such_column from customers", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("no_such_column"), failure.getMessage());
  }

  @Test
  void aJvmEntryPointWritesEveryValueItReturns() throws IOException, JobFailure {
    JobSpec spec = job("typed.jvm", "  " + TypedRows.class.getName() + "\n", Map.of("rows", "2500"));

    assertEquals(List.of("rows"), runtime.run(spec, () -> false));

    ParquetTestFiles.Result result = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("rows"));
    assertEquals(3, result.parts().size());
    assertEquals(2_500, result.rows().size());
    for (int i = 0; i < 2_500; i++) {
      Object[] expected = TypedRows.expectedRow(i);
      assertArrayEquals(expected, result.rows().get(i), "row " + i);
    }
  }

  @Test
  void aJvmEntryPointReportsItsResultsInOrder() throws JobFailure {
    assertEquals(List.of("summary", "details"),
        runtime.run(job("two.jvm", TwoResults.class.getName(), Map.of()), () -> false));
  }

  @Test
  void aJvmEntryPointReadsTheReferencedTables() throws Exception {
    JobSpec spec = job("count.jvm", CountRows.class.getName(), Map.of());
    runtime.run(spec, () -> false);
    List<Object[]> rows = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("counts")).rows();
    assertArrayEquals(new Object[] {"customers", 3L}, rows.get(0));
    assertArrayEquals(new Object[] {"orders", 4L}, rows.get(1));
  }

  @Test
  void aJobFailureThrownByTheEntryPointKeepsItsCode() {
    JobFailure failure = failureOf(job("failing.jvm", Failing.class.getName(), Map.of()));
    assertEquals("INSUFFICIENT_COMPUTE", failure.code());
    assertEquals("the test job asked for more workers than allowed", failure.getMessage());
  }

  @Test
  void aClassThatCannotBeUsedIsAMalformedScript() {
    JobFailure missing = failureOf(job("missing.jvm", "com.example.NoSuchJob", Map.of()));
    assertEquals("MALFORMED_SCRIPT", missing.code());
    assertTrue(missing.getMessage().contains("com.example.NoSuchJob"), missing.getMessage());

    JobFailure wrongType = failureOf(job("string.jvm", "java.lang.String", Map.of()));
    assertEquals("MALFORMED_SCRIPT", wrongType.code());
    assertTrue(wrongType.getMessage().contains("JvmEntryPoint"), wrongType.getMessage());
  }

  @Test
  void aPySparkEntryPointFailsWithAHintToUseSqlOrJvm() {
    JobSpec spec = job("job.py", "def entrypoint(context):\n    return {'results': {}}\n", Map.of());
    JobFailure failure = failureOf(spec);
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertEquals("PySpark entry point " + spec.entryPoint() + " needs Spark, which the local Clean Rooms does not"
        + " run; use a .sql or .jvm entry point (see docs/local-job-runtime.md)", failure.getMessage());
  }

  @Test
  void anUnsupportedExtensionNamesTheSupportedOnes() {
    JobFailure failure = failureOf(job("job.scala", "object Job", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains(".sql") && failure.getMessage().contains(".jvm"), failure.getMessage());
  }

  @Test
  void tableDataThatDoesNotFitItsTypesIsAnInvalidResource() {
    S3Location bad = new S3Location("data", "bad-orders/");
    s3.putText(bad.resolve("orders.csv"), "order_id\nten\n");
    JobSpec spec = job("bad-data.sql", "select * from bad_orders", Map.of());
    JobSpec withBadTable = new JobSpec(spec.jobId(), spec.entryPoint(), Map.of("bad_orders",
        new TableSource("bad_orders", List.of(new ColumnSpec("order_id", "int")), bad, "CSV")), Map.of(),
        spec.resultPrefix());

    JobFailure failure = assertThrows(JobFailure.class, () -> runtime.run(withBadTable, () -> false));

    assertEquals("INVALID_RESOURCE", failure.code());
    assertTrue(failure.getMessage().contains("ten"), failure.getMessage());
  }

  @Test
  void aMissingEntryPointIsResourceNotFound() {
    JobSpec spec = new JobSpec("job-missing", new S3Location("data", "templates/none.sql"), TABLES, Map.of(),
        new S3Location("results", "out/job-missing"));
    assertEquals("RESOURCE_NOT_FOUND", failureOf(spec).code());
  }

  @Test
  @Timeout(20)
  void cancellingAWaitingJobStopsItPromptly() {
    long start = System.nanoTime();
    BooleanSupplier cancelAfter200ms = () -> System.nanoTime() - start > 200_000_000L;
    assertThrows(CancellationException.class,
        () -> runtime.run(job("slow.jvm", Slow.class.getName(), Map.of()), cancelAfter200ms));
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  @Timeout(20)
  void cancellingWhileResultsAreWrittenStopsTheWriter() {
    JobSpec spec = job("huge.jvm", TypedRows.class.getName(), Map.of("rows", "100000000"));
    long start = System.nanoTime();
    assertThrows(CancellationException.class,
        () -> runtime.run(spec, () -> System.nanoTime() - start > 300_000_000L));
    assertTrue(s3.read(spec.resultPrefix().resolve("rows/_SUCCESS")).isEmpty());
  }

  /** A job that counts the rows of every referenced table, in alias order. */
  public static class CountRows implements JvmEntryPoint {
    @Override
    public Map<String, ResultTable> entrypoint(JobContext context) {
      List<Object[]> counts = context.referencedTables().keySet().stream().sorted().map(alias -> {
        long n = 0;
        try (CloseableIterator<Object[]> rows = context.referencedTables().get(alias).get()) {
          for (; rows.hasNext(); rows.next()) {
            n++;
          }
        }
        return new Object[] {alias, n};
      }).toList();
      Map<String, ResultTable> results = new LinkedHashMap<>();
      results.put("counts", new ResultTable(
          List.of(new ColumnSpec("alias", "string"), new ColumnSpec("n", "bigint")), counts.iterator()));
      return results;
    }
  }
}
