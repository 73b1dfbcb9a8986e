package dev.cleanroomsjdbc.local.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.ParquetTestFiles;
import dev.cleanroomsjdbc.local.storage.S3Location;
import dev.cleanroomsjdbc.testjobs.TypedRowValues;
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

/** The Spark job runtime against a local S3: entry points of each kind, the service's limits, cancellation. */
@Timeout(120)
class SparkJobRuntimeTest {
  private static final String JOBS = "dev.cleanroomsjdbc.testjobs.";
  private static final S3Location CUSTOMERS = new S3Location("data", "customers/");
  private static final S3Location ORDERS = new S3Location("data", "orders/");
  private static final Map<String, TableSource> TABLES = new LinkedHashMap<>();
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static LocalS3 s3;
  private static SparkJobRuntime runtime;

  @BeforeAll
  static void start() {
    TABLES.put("customers", new TableSource("customers",
        List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("name", "string")), CUSTOMERS, "PARQUET"));
    // The CSV file has a column, secret, that the configured table does not allow.
    TABLES.put("orders", new TableSource("orders", List.of(new ColumnSpec("order_id", "int"),
        new ColumnSpec("customer_id", "bigint"), new ColumnSpec("amount", "decimal(10,2)"),
        new ColumnSpec("day", "date")), ORDERS, "CSV"));
    s3 = LocalS3.start(0, null);
    s3.createBucket("data");
    s3.createBucket("results");
    ParquetResultWriter.write(s3, CUSTOMERS, TABLES.get("customers").columns(),
        List.of(new Object[] {1L, "Ann"}, new Object[] {2L, "Bob"}, new Object[] {3L, "Cy"}).iterator(), 2,
        () -> false);
    s3.putText(ORDERS.resolve("orders.csv"), "order_id,customer_id,secret,amount,day\n"
        + "10,1,s1,5.50,2024-01-15\n11,1,s2,4.25,2024-02-01\n12,2,s3,100,2024-02-03\n13,9,s4,1,\n");
    runtime = new SparkJobRuntime(s3, 1_000, new SparkOptions(null, null));
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  /** Stores the entry point and returns a spec whose results go to a fresh prefix. */
  private static JobSpec job(String entryPointKey, String body, Map<String, String> parameters) {
    S3Location entryPoint = new S3Location("data", "templates/" + COUNT.incrementAndGet() + "/" + entryPointKey);
    s3.putText(entryPoint, body);
    String jobId = "job-" + COUNT.get();
    return new JobSpec(jobId, entryPoint, TABLES, parameters, new S3Location("results", "out/" + jobId + "/"));
  }

  private static JobFailure failureOf(JobSpec spec) {
    return assertThrows(JobFailure.class, () -> runtime.run(spec, () -> false));
  }

  @Test
  void aSparkSqlScriptJoiningParquetAndCsvTablesWritesTwoNamedResults() throws Exception {
    JobSpec spec = job("job.sql", """
        -- result: totals
        SELECT c.name, SUM(o.amount) AS total, COUNT(*) AS orders
        FROM customers c JOIN ORDERS o ON c.id = o.customer_id
        GROUP BY c.name ORDER BY c.name;

        -- result: february
        SELECT order_id, day, date_format(day, 'MMM') AS month FROM orders WHERE day >= DATE '2024-02-01'
        ORDER BY order_id;
        """, Map.of());

    assertEquals(List.of("totals", "february"), runtime.run(spec, () -> false));

    ParquetTestFiles.Result totals = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("totals"));
    MessageType schema = totals.schema();
    assertEquals(List.of("name", "total", "orders"), schema.getFields().stream().map(f -> f.getName()).toList());
    assertEquals(PrimitiveTypeName.INT64, schema.getType("orders").asPrimitiveType().getPrimitiveTypeName());
    assertTrue(schema.getType("total").getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d && d.getScale() == 2);
    assertArrayEquals(new Object[] {"Ann", new BigDecimal("9.75"), 2L}, totals.rows().get(0));
    assertArrayEquals(new Object[] {"Bob", new BigDecimal("100.00"), 1L}, totals.rows().get(1));
    assertTrue(totals.parts().get(0).key().matches(".*/totals/part-00000-[0-9a-f-]+-c000\\.snappy\\.parquet"),
        totals.parts().toString());

    ParquetTestFiles.Result february = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("february"));
    assertArrayEquals(new Object[] {11, LocalDate.of(2024, 2, 1), "Feb"}, february.rows().get(0));
    assertArrayEquals(new Object[] {12, LocalDate.of(2024, 2, 3), "Feb"}, february.rows().get(1));
    assertTrue(s3.read(spec.resultPrefix().resolve("february/_SUCCESS")).isPresent());
    assertTrue(s3.list(spec.resultPrefix()).stream().noneMatch(l -> l.key().endsWith(".crc")));
  }

  @Test
  void aJsonTableIsReadByName() throws Exception {
    S3Location events = new S3Location("data", "events/");
    s3.putText(events.resolve("part-1.json"),
        "{\"kind\":\"click\",\"n\":2,\"hidden\":true}\n{\"n\":5,\"kind\":\"view\"}\n");
    JobSpec spec = job("json.sql", "SELECT kind, n FROM events ORDER BY n", Map.of());
    JobSpec withJson = new JobSpec(spec.jobId(), spec.entryPoint(), Map.of("events", new TableSource("events",
        List.of(new ColumnSpec("kind", "string"), new ColumnSpec("n", "int")), events, "JSON")), Map.of(),
        spec.resultPrefix());

    runtime.run(withJson, () -> false);

    List<Object[]> rows = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("result")).rows();
    assertArrayEquals(new Object[] {"click", 2}, rows.get(0));
    assertArrayEquals(new Object[] {"view", 5}, rows.get(1));
  }

  @Test
  void aSingleUnnamedStatementIsNamedResult() throws Exception {
    JobSpec spec = job("one.sql", "select count(*) as n from customers;", Map.of());
    assertEquals(List.of("result"), runtime.run(spec, () -> false));
    assertArrayEquals(new Object[] {3L},
        ParquetTestFiles.read(s3, spec.resultPrefix().resolve("result")).rows().get(0));
  }

  @Test
  void aSqlErrorFailsWithMalformedScriptAndSparksMessage() {
    JobFailure failure = failureOf(job("bad.sql", "select no_such_column from customers", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().startsWith("result 'result': [UNRESOLVED_COLUMN"), failure.getMessage());
    assertTrue(failure.getMessage().contains("no_such_column"), failure.getMessage());
  }

  @Test
  void aStatementThatIsNotAQueryIsRefusedBeforeItRuns() {
    JobFailure failure = failureOf(job("ddl.sql", "CREATE TABLE t USING parquet AS SELECT 1 AS x", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("only queries"), failure.getMessage());
  }

  @Test
  void aColumnTheConfiguredTableDoesNotAllowCannotBeRead() {
    JobFailure shown = failureOf(job("secret.sql", "select secret from orders", Map.of()));
    assertTrue(shown.getMessage().contains("secret"), shown.getMessage());
    // Spark would resolve a filter on a projected-away column through the projection: refused as well.
    JobFailure filtered =
        failureOf(job("filter.sql", "select order_id from orders where secret = 's1'", Map.of()));
    assertEquals("MALFORMED_SCRIPT", filtered.code());
    assertTrue(filtered.getMessage().contains("secret"), filtered.getMessage());
  }

  @Test
  void aJvmEntryPointWritesEveryValueItReturns() throws Exception {
    JobSpec spec = job("typed.jvm", "  " + JOBS + "TypedRows\n", Map.of("rows", "2500"));

    assertEquals(List.of("rows"), runtime.run(spec, () -> false));

    ParquetTestFiles.Result result = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("rows"));
    assertTrue(result.parts().size() >= 3, "at most 1,000 rows per part file: " + result.parts());
    assertEquals(2_500, result.rows().size());
    result.rows().sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    for (int i = 0; i < 2_500; i++) {
      assertArrayEquals(TypedRowValues.expectedRow(i), result.rows().get(i), "row " + i);
    }
  }

  @Test
  void aJvmEntryPointReportsItsResultsInOrder() throws JobFailure {
    assertEquals(List.of("summary", "details"),
        runtime.run(job("two.jvm", JOBS + "TwoResults", Map.of()), () -> false));
  }

  @Test
  void aJvmEntryPointReadsTheReferencedTables() throws Exception {
    JobSpec spec = job("count.jvm", JOBS + "CountRows", Map.of());
    runtime.run(spec, () -> false);
    List<Object[]> rows = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("counts")).rows();
    assertArrayEquals(new Object[] {"customers", 3L}, rows.get(0));
    assertArrayEquals(new Object[] {"orders", 4L}, rows.get(1));
  }

  @Test
  void aJobFailureThrownByTheEntryPointKeepsItsCode() {
    JobFailure failure = failureOf(job("failing.jvm", JOBS + "Failing", Map.of()));
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
  void rddWorkIsRefusedAsTheServiceRefusesIt() {
    JobFailure failure = failureOf(job("rdd.jvm", JOBS + "RddUser", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("RDD operations are not supported"), failure.getMessage());
  }

  @Test
  void readingDataOtherThanTheReferencedTablesIsRefused() {
    JobFailure failure = failureOf(job("direct.jvm", JOBS + "DirectReader", Map.of("path", "/etc/hostname")));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("the only data is the referenced tables"), failure.getMessage());
  }

  @Test
  void anUnsupportedExtensionNamesTheSupportedOnes() {
    JobFailure failure = failureOf(job("job.scala", "object Job", Map.of()));
    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains(".py") && failure.getMessage().contains(".jvm"), failure.getMessage());
  }

  @Test
  void aMissingEntryPointIsResourceNotFound() {
    JobSpec spec = new JobSpec("job-missing", new S3Location("data", "templates/none.sql"), TABLES, Map.of(),
        new S3Location("results", "out/job-missing/"));
    assertEquals("RESOURCE_NOT_FOUND", failureOf(spec).code());
  }

  @Test
  @Timeout(60)
  void cancellingAWaitingJobStopsItPromptly() {
    long start = System.nanoTime();
    BooleanSupplier cancelAfter200ms = () -> System.nanoTime() - start > 200_000_000L;
    assertThrows(CancellationException.class,
        () -> runtime.run(job("slow.jvm", JOBS + "Slow", Map.of()), cancelAfter200ms));
    assertTrue(System.nanoTime() - start < 30_000_000_000L);
  }

  @Test
  @Timeout(60)
  void cancellingWhileSparkWritesStopsTheJobWithoutSuccess() {
    JobSpec spec = job("huge.jvm", JOBS + "TypedRows", Map.of("rows", "1000000000"));
    long start = System.nanoTime();
    assertThrows(CancellationException.class,
        () -> runtime.run(spec, () -> System.nanoTime() - start > 3_000_000_000L));
    assertTrue(s3.read(spec.resultPrefix().resolve("rows/_SUCCESS")).isEmpty());
  }
}
