package dev.cleanroomsjdbc.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ParquetResultsTest {

  private static final int FIRST_FILE_ROWS = 10;
  private static final int TOTAL_ROWS = 2_510;

  private static TestS3 s3;
  private static ResultReader reader;
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();

  @BeforeAll
  static void writeResults() throws Exception {
    s3 = TestS3.start();
    s3.writeParquet("jobs/all-types/output/part-00000.parquet", AllTypesFixture.SCHEMA, rows(0, FIRST_FILE_ROWS));
    s3.writeParquet("jobs/all-types/output/part-00001.parquet", AllTypesFixture.SCHEMA,
        rows(FIRST_FILE_ROWS, TOTAL_ROWS));
    s3.put("jobs/all-types/output/_SUCCESS", "");
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

  private static List<Group> rows(int from, int to) {
    return IntStream.range(from, to).mapToObj(AllTypesFixture::row).toList();
  }

  private NamedResult result() throws Exception {
    List<NamedResult> results = reader.list(TestS3.location("jobs/all-types/"));
    assertEquals(1, results.size());
    return results.get(0);
  }

  @Test
  void everyParquetTypeMapsToItsSqlTypeAndEveryColumnIsNullable() throws Exception {
    RelDataType rowType = reader.rowType(result(), types);
    List<String> expected = List.of("s VARCHAR", "e VARCHAR", "j VARCHAR", "raw VARBINARY", "i INTEGER",
        "i8 TINYINT", "i16 SMALLINT", "d DATE", "dec32 DECIMAL(9, 2)", "l BIGINT", "ts_millis TIMESTAMP(3)",
        "ts_micros TIMESTAMP(3)", "ts_nanos TIMESTAMP(3)", "dec64 DECIMAL(18, 4)", "ts96 TIMESTAMP(3)", "f REAL",
        "db DOUBLE", "b BOOLEAN", "decfixed DECIMAL", "decbin DECIMAL", "tags VARCHAR", "attrs VARCHAR",
        "point VARCHAR", "nums VARCHAR");
    List<String> actual = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      RelDataType type = field.getType();
      assertTrue(type.isNullable(), field.getName() + " is nullable");
      // the wide decimals' precision is capped by the connection's type system, so only their scale is fixed
      String name = field.getName().startsWith("decfixed") || field.getName().startsWith("decbin")
          ? type.getSqlTypeName().getName() : type.toString();
      actual.add(field.getName() + " " + name);
    }
    assertEquals(expected, actual);
    assertEquals(3, rowType.getField("decfixed", true, false).getType().getScale());
    assertEquals(5, rowType.getField("decbin", true, false).getType().getScale());
  }

  @Test
  void rowsOfAllFilesStreamInOrderAsCalciteInternalValues() throws Exception {
    NamedResult result = result();
    assertEquals("output", result.name());
    assertEquals(NamedResult.PARQUET, result.format());
    RelDataType rowType = reader.rowType(result, types);
    int count = 0;
    try (Enumerator<Object[]> rows = reader.open(result, rowType)) {
      while (rows.moveNext()) {
        assertArrayEquals(AllTypesFixture.expected(count), rows.current(), "row " + count);
        count++;
      }
      assertFalse(rows.moveNext(), "stays at the end");
    }
    assertEquals(TOTAL_ROWS, count);
  }

  @Test
  void aProjectedRowTypeGetsOnlyItsColumnsInItsOrder() throws Exception {
    RelDataType projected = types.builder()
        .add("l", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
        .add("s", types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true))
        .build();
    try (Enumerator<Object[]> rows = reader.open(result(), projected)) {
      assertTrue(rows.moveNext());
      assertArrayEquals(new Object[] {-1L, "s-0-é\"q\""}, rows.current());
      assertTrue(rows.moveNext());
      assertArrayEquals(new Object[] {9_999_999_999L, "s-1-é\"q\""}, rows.current());
    }
  }
}
