package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ResultListingTest {

  private static TestS3 s3;
  private static ResultReader reader;
  private static byte[] parquet;

  @BeforeAll
  static void writeLayouts() throws Exception {
    s3 = TestS3.start();
    s3.writeParquet("template/one.parquet", AllTypesFixture.SCHEMA,
        IntStream.range(0, 3).mapToObj(AllTypesFixture::row).toList());
    parquet = s3.get("template/one.parquet");
    // a job: one sub-folder per named result, with Spark's bookkeeping files around the data
    s3.put("jobs/j-1/_SUCCESS", "");
    s3.put("jobs/j-1/zeta/part-00001.csv", "a\n1\n");
    s3.put("jobs/j-1/zeta/part-00000.csv", "a\n0\n");
    s3.put("jobs/j-1/alpha/part-00000.parquet", parquet);
    s3.put("jobs/j-1/alpha/_SUCCESS", "");
    s3.put("jobs/j-1/alpha/_committed_123", "{}");
    s3.put("jobs/j-1/alpha/_started_123", "{}");
    s3.put("jobs/j-1/alpha/.part-00000.parquet.crc", "crc");
    s3.put("jobs/j-1/alpha/part-00000.parquet.crc", "crc");
    s3.put("jobs/j-1/alpha/", new byte[0]);
    s3.put("jobs/j-1/only-markers/_SUCCESS", "");
    s3.put("jobs/j-1/_temporary/0/part-00000.csv", "a\n9\n");
    // a query: data files directly under the location, without extensions
    s3.put("queries/q-1/b-part", parquet);
    s3.put("queries/q-1/a-part", parquet);
    s3.put("queries/q-csv/data", "x,y\n1,2\n");
    s3.put("queries/q-single/result.parquet", parquet);
    s3.put("jobs/empty/_SUCCESS", "");
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

  private static List<String> keys(NamedResult result) {
    return result.files().stream().map(f -> f.uri().getPath()).toList();
  }

  @Test
  void eachSubFolderWithDataIsANamedResultInNameOrder() throws Exception {
    List<NamedResult> results = reader.list(TestS3.location("jobs/j-1/"));
    assertEquals(List.of("alpha", "zeta"), results.stream().map(NamedResult::name).toList());
    assertEquals(NamedResult.PARQUET, results.get(0).format());
    assertEquals(NamedResult.CSV, results.get(1).format());
  }

  @Test
  void bookkeepingFilesAndFolderMarkersAreSkippedAndDataFilesSortedByKey() throws Exception {
    List<NamedResult> results = reader.list(TestS3.location("jobs/j-1/"));
    assertEquals(List.of("/jobs/j-1/alpha/part-00000.parquet"), keys(results.get(0)));
    assertEquals(parquet.length, results.get(0).files().get(0).size());
    assertEquals(URI.create("s3://results/jobs/j-1/alpha/part-00000.parquet"), results.get(0).files().get(0).uri());
    assertEquals(List.of("/jobs/j-1/zeta/part-00000.csv", "/jobs/j-1/zeta/part-00001.csv"), keys(results.get(1)));
  }

  @Test
  void dataFilesDirectlyUnderTheLocationFormOneResultNamedResult() throws Exception {
    List<NamedResult> results = reader.list(TestS3.location("queries/q-1/"));
    assertEquals(1, results.size());
    assertEquals("result", results.get(0).name());
    assertEquals(List.of("/queries/q-1/a-part", "/queries/q-1/b-part"), keys(results.get(0)));
  }

  @Test
  void aFileWithoutExtensionIsParquetByItsMagicAndCsvOtherwise() throws Exception {
    assertEquals(NamedResult.PARQUET, reader.list(TestS3.location("queries/q-1/")).get(0).format());
    assertEquals(NamedResult.CSV, reader.list(TestS3.location("queries/q-csv/")).get(0).format());
  }

  @Test
  void aLocationNamingOneObjectIsThatObjectsResult() throws Exception {
    List<NamedResult> results = reader.list(TestS3.location("queries/q-single/result.parquet"));
    assertEquals(1, results.size());
    assertEquals("result", results.get(0).name());
    assertEquals(List.of("/queries/q-single/result.parquet"), keys(results.get(0)));
  }

  @Test
  void aMissingLocationFailsFastWithResultIoError() {
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> reader.list(TestS3.location("jobs/never-written/")));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("58030", e.getSQLState());
    assertTrue(e.getMessage().contains("s3://results/jobs/never-written/"), e.getMessage());
    assertTrue(e.getMessage().contains("results are missing"), e.getMessage());
    assertTrue(millis < 5_000, "failed after " + millis + " ms");
  }

  @Test
  void aLocationWithOnlyBookkeepingFilesHasMissingResults() {
    SQLException e = assertThrows(SQLException.class, () -> reader.list(TestS3.location("jobs/empty/")));
    assertEquals("58030", e.getSQLState());
    assertTrue(e.getMessage().contains("results are missing"), e.getMessage());
  }

  @Test
  void accessToStringNeverPrintsTheSecret() {
    String text = s3.access().toString();
    assertFalse(text.contains("secret-results-key"), text);
    assertFalse(text.contains("AKIAEXAMPLERESULTS"), text);
  }
}
