package dev.cleanroomsjdbc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Clean Rooms' column type strings, as Glue, Spark and Snowflake spell them, read into SQL types. */
class GlueTypesTest {
  private final RelDataTypeFactory types = CleanRoomsTypeSystem.typeFactory();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "string                  | VARCHAR",
      "varchar(20)             | VARCHAR(20)",
      "char(3)                 | CHAR(3)",
      "bigint                  | BIGINT",
      "INT                     | INTEGER",
      "smallint                | SMALLINT",
      "tinyint                 | TINYINT",
      "double                  | DOUBLE",
      "double precision        | DOUBLE",
      "float                   | REAL",
      "decimal(10,2)           | DECIMAL(10, 2)",
      "decimal(38, 10)         | DECIMAL(38, 10)",
      "boolean                 | BOOLEAN",
      "date                    | DATE",
      "timestamp               | TIMESTAMP(3)",
      "timestamp_ltz           | TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)",
      "binary                  | VARBINARY",
      "array<string>           | VARCHAR ARRAY",
      "map<string,bigint>      | (VARCHAR, BIGINT) MAP",
      "struct<a:int,b:string>  | RecordType(INTEGER a, VARCHAR b)",
  })
  void readsTheTypeString(String glue, String sql) {
    RelDataType t = GlueTypes.toRelDataType(glue, types);
    // strings are Unicode (CleanRoomsTypeSystem): the character set is checked once, below
    assertEquals(sql, t.getFullTypeString().replace(" NOT NULL", "").replace(" CHARACTER SET \"UTF-8\"", ""));
    assertTrue(t.isNullable(), "Clean Rooms does not report nullability, so every column is nullable");
  }

  @org.junit.jupiter.api.Test
  void stringsAreUnicode() {
    assertEquals("UTF-8", GlueTypes.toRelDataType("string", types).getCharset().name());
  }

  @Test
  void anUnknownTypeIsNamedInTheError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlueTypes.toRelDataType("geometry", types));
    assertTrue(e.getMessage().contains("geometry"), e.getMessage());
  }
}
