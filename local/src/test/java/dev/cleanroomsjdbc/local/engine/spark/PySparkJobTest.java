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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code .py} entry points. Scripts run only where a Python with PySpark 3.5 is found (this class prints why they
 * are skipped where it is not); what surrounds them (staging, artifacts, the message saying what to install) is
 * checked everywhere.
 */
@Timeout(180)
class PySparkJobTest {
  private static final PythonCheck PYTHON = PythonCheck.of(null);
  private static final S3Location PEOPLE = new S3Location("data", "people/");
  private static final Map<String, TableSource> TABLES = Map.of("people", new TableSource("people",
      List.of(new ColumnSpec("id", "bigint"), new ColumnSpec("name", "string")), PEOPLE, "PARQUET"));
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    if (!PYTHON.usable()) {
      System.err.println("PySparkJobTest: PySpark scripts are skipped here: Python " + PYTHON.describe());
    }
    s3 = LocalS3.start(0, null);
    s3.createBucket("data");
    s3.createBucket("results");
    ParquetResultWriter.write(s3, PEOPLE, TABLES.get("people").columns(),
        List.of(new Object[] {1L, "Ann"}, new Object[] {2L, "Bob"}).iterator(), 10, () -> false);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static JobSpec job(String script, List<S3Location> artifacts) {
    int n = COUNT.incrementAndGet();
    S3Location entryPoint = new S3Location("data", "code/" + n + "/user_script.py");
    s3.putText(entryPoint, script);
    return new JobSpec("py-" + n, entryPoint, TABLES, Map.of("greeting", "hello"),
        new S3Location("results", "py-" + n + "/"), artifacts);
  }

  @Test
  void withoutPySparkAPythonJobFailsWithMalformedScriptSayingWhatToInstall() {
    SparkJobRuntime noPySpark = new SparkJobRuntime(s3, 100, new SparkOptions(null, "/nonexistent/python3"));
    JobSpec spec = job("def entrypoint(context):\n    return {'results': {}}\n", List.of());

    JobFailure failure = assertThrows(JobFailure.class, () -> noPySpark.run(spec, () -> false));

    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().startsWith("PySpark entry point " + spec.entryPoint() + " needs a Python with"
        + " PySpark 3.5, and /nonexistent/python3 cannot run it"), failure.getMessage());
    assertTrue(failure.getMessage().contains("pip install pyspark==3.5.*"), failure.getMessage());
    assertTrue(failure.getMessage().contains("--python"), failure.getMessage());
  }

  @Test
  void additionalArtifactsGoOnThePythonPathAsPythonImportsThem() throws Exception {
    s3.putBytes(new S3Location("data", "libs/helpers.zip"), zip("helpers.py", "GREETING = 'hi'\n"));
    s3.putText(new S3Location("data", "libs/single.py"), "X = 1\n");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("artifacts");

    List<java.nio.file.Path> path = PythonArtifacts.stage(s3, List.of(new S3Location("data", "libs/helpers.zip"),
        new S3Location("data", "libs/single.py")), dir);

    assertEquals(2, path.size());
    assertTrue(path.get(0).toString().endsWith("helpers.zip"), path.toString());
    assertTrue(java.nio.file.Files.isRegularFile(path.get(1).resolve("single.py")), path.toString());
  }

  @Test
  void thePythonCheckNamesWhatIsMissing() {
    PythonCheck missing = PythonCheck.of("/nonexistent/python3");
    assertTrue(!missing.usable() && missing.describe().contains("/nonexistent/python3"), missing.describe());
  }

  @Test
  void aScriptGetsTheServicesContextAndItsResultsAreWrittenBySpark() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(PYTHON.usable(), PYTHON::describe);
    s3.putBytes(new S3Location("data", "libs/helpers.zip"), zip("helpers.py", "SUFFIX = '!'\n"));
    JobSpec spec = job("""
        import helpers
        from pyspark.sql import functions as F

        def entrypoint(context):
            people = context['referencedTables']['people']
            greeting = context['analysisParameters']['greeting'] + helpers.SUFFIX
            spark = context['sparkSession']
            out = people.select('id', F.concat(F.lit(greeting + ' '), 'name').alias('line')).orderBy('id')
            return {'results': {'greetings': out, 'count': spark.createDataFrame([(people.count(),)], ['n'])}}
        """, List.of(new S3Location("data", "libs/helpers.zip")));

    assertEquals(List.of("greetings", "count"), runtime().run(spec, () -> false));

    List<Object[]> rows = ParquetTestFiles.read(s3, spec.resultPrefix().resolve("greetings")).rows();
    assertArrayEquals(new Object[] {1L, "hello! Ann"}, rows.get(0));
    assertTrue(s3.read(spec.resultPrefix().resolve("greetings/_SUCCESS")).isPresent());
  }

  @Test
  void aScriptErrorFailsTheJobWithTheScriptsOwnLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PYTHON.usable(), PYTHON::describe);
    JobSpec spec = job("def entrypoint(context):\n    ratio = 1 / 0\n    return {'results': {}}\n", List.of());

    JobFailure failure = assertThrows(JobFailure.class, () -> runtime().run(spec, () -> false));

    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("ZeroDivisionError") && failure.getMessage().contains("line 2"),
        failure.getMessage());
  }

  @Test
  void theRddApiIsRefusedAsTheServiceRefusesIt() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PYTHON.usable(), PYTHON::describe);
    JobSpec spec = job("def entrypoint(context):\n    n = context['referencedTables']['people'].rdd.count()\n"
        + "    return {'results': {}}\n", List.of());

    JobFailure failure = assertThrows(JobFailure.class, () -> runtime().run(spec, () -> false));

    assertEquals("MALFORMED_SCRIPT", failure.code());
    assertTrue(failure.getMessage().contains("RDD"), failure.getMessage());
  }

  private static SparkJobRuntime runtime() {
    return new SparkJobRuntime(s3, 100, new SparkOptions(null, null));
  }

  private static byte[] zip(String name, String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
