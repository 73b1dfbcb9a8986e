package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CsvResultsTest {

  private static TestS3 s3;
  private static ResultReader reader;
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();

  @BeforeAll
  static void writeResults() throws Exception {
    s3 = TestS3.start();
    s3.put("queries/q-1/part-00000.csv", "id,name,note\r\n"
        + "1,\"Smith, J\",\r\n"
        + "2,\"say \"\"hi\"\"\",\"\"\r\n"
        + "3,,\"line1\nline2\"\r\n");
    s3.put("queries/q-1/part-00001.csv", "id,name,note\n4,é ✓,last\n");
    s3.put("queries/q-1/_SUCCESS", "");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }
    s3.put("queries/q-gz/part-00000.csv.gz", gz.toByteArray());
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

  private List<Object[]> readAll(NamedResult result) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Enumerator<Object[]> e = reader.open(result, reader.rowType(result, types))) {
      while (e.moveNext()) {
        rows.add(e.current());
      }
    }
    return rows;
  }

  @Test
  void theHeaderRowNamesNullableVarcharColumns() throws Exception {
    NamedResult result = reader.list(TestS3.location("queries/q-1/")).get(0);
    assertEquals(NamedResult.CSV, result.format());
    RelDataType rowType = reader.rowType(result, types);
    assertEquals(List.of("id", "name", "note"), rowType.getFieldNames());
    for (RelDataTypeField field : rowType.getFieldList()) {
      assertEquals(SqlTypeName.VARCHAR, field.getType().getSqlTypeName());
      assertTrue(field.getType().isNullable());
    }
  }

  @Test
  void quotedFieldsKeepDelimitersQuotesAndNewlinesAndAnEmptyUnquotedFieldIsNull() throws Exception {
    List<Object[]> rows = readAll(reader.list(TestS3.location("queries/q-1/")).get(0));
    assertEquals(4, rows.size());
    assertArrayEquals(new Object[] {"1", "Smith, J", null}, rows.get(0));
    assertArrayEquals(new Object[] {"2", "say \"hi\"", ""}, rows.get(1));
    assertArrayEquals(new Object[] {"3", null, "line1\nline2"}, rows.get(2));
    assertArrayEquals(new Object[] {"4", "é ✓", "last"}, rows.get(3));
  }

  @Test
  void gzippedCsvIsReadLikePlainCsv() throws Exception {
    NamedResult result = reader.list(TestS3.location("queries/q-gz/")).get(0);
    assertEquals(NamedResult.CSV, result.format());
    List<Object[]> rows = readAll(result);
    assertEquals(1, rows.size());
    assertArrayEquals(new Object[] {"1", "2"}, rows.get(0));
  }

  @Test
  void anEnumeratorCannotBeRewound() throws Exception {
    NamedResult result = reader.list(TestS3.location("queries/q-1/")).get(0);
    Enumerator<Object[]> e = reader.open(result, reader.rowType(result, types));
    assertTrue(e.moveNext());
    assertThrows(UnsupportedOperationException.class, e::reset);
    e.close();
    assertFalse(e.moveNext(), "a closed enumerator has no more rows");
  }
}
