package dev.cleanroomsjdbc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Values as literals of each engine's SQL: typed, and quoted so that no value can change the statement around it.
 */
class CleanRoomsSqlDialectTest {
  private final CleanRoomsSqlDialect spark = CleanRoomsSqlDialect.SPARK;
  private final CleanRoomsSqlDialect cleanRoomsSql = CleanRoomsSqlDialect.CLEAN_ROOMS_SQL;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "vip                 | 'vip'",
      "it's                | concat('', 'it', char(39), 's')",
      "a\\b                | concat('', 'a', char(92), 'b')",
      "x\\' OR 1=1 --      | concat('', 'x', char(92), char(39), ' OR 1=1 --')",
      "''                  | concat('', char(39), char(39))",
      "Zürich — 東京        | 'Zürich — 東京'",
  })
  void stringsAreQuotedSoThatSparkReadsThemBack(String value, String literal) throws SQLException {
    assertEquals(literal, spark.literal(value, SqlTypeName.VARCHAR, 1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
      "vip => 'vip'",
      "it's => 'it''s'",
      "a\\b => ('a' || CHR(92) || 'b')",
      "x\\' OR 1=1 -- => ('x' || CHR(92) || ''' OR 1=1 --')",
      "'' => ''''''",
      "Zürich — 東京 => 'Zürich — 東京'",
  })
  void stringsAreQuotedSoThatCleanRoomsSqlReadsThemBack(String value, String literal) throws SQLException {
    assertEquals(literal, cleanRoomsSql.literal(value, SqlTypeName.VARCHAR, 1));
  }

  @Test
  void theEngineNamesItsDialectAndAnAbsentEngineIsSpark() {
    assertEquals(CleanRoomsSqlDialect.CLEAN_ROOMS_SQL, CleanRoomsSqlDialect.of("CLEAN_ROOMS_SQL"));
    assertEquals(CleanRoomsSqlDialect.SPARK, CleanRoomsSqlDialect.of("SPARK"));
    assertEquals(CleanRoomsSqlDialect.SPARK, CleanRoomsSqlDialect.of(null));
  }

  @Test
  void cleanRoomsSqlValuesAreTypedLiteralsToo() throws SQLException {
    assertEquals("DATE '2023-06-01'", cleanRoomsSql.literal(Date.valueOf("2023-06-01"), SqlTypeName.DATE, 1));
    assertEquals("TIMESTAMP '2024-01-02 03:04:05.678'",
        cleanRoomsSql.literal(Timestamp.valueOf("2024-01-02 03:04:05.678"), SqlTypeName.TIMESTAMP, 1));
    assertEquals("100.50", cleanRoomsSql.literal(new BigDecimal("100.50"), SqlTypeName.DECIMAL, 1));
    assertEquals("TRUE", cleanRoomsSql.literal(true, SqlTypeName.BOOLEAN, 1));
  }

  @Test
  void valuesAreWrittenAsLiteralsOfTheParametersType() throws SQLException {
    assertEquals("DATE '2023-06-01'", spark.literal(Date.valueOf("2023-06-01"), SqlTypeName.DATE, 1));
    assertEquals("DATE '2023-06-01'", spark.literal("2023-06-01", SqlTypeName.DATE, 1));
    assertEquals("DATE '2023-06-01'", spark.literal(19509, SqlTypeName.DATE, 1), "Calcite's days since 1970");
    assertEquals("TIMESTAMP '2024-01-02 03:04:05.678'",
        spark.literal(Timestamp.valueOf("2024-01-02 03:04:05.678"), SqlTypeName.TIMESTAMP, 1));
    assertEquals("100.50", spark.literal(new BigDecimal("100.50"), SqlTypeName.DECIMAL, 1));
    assertEquals("42", spark.literal("42", SqlTypeName.BIGINT, 1));
    assertEquals("TRUE", spark.literal(true, SqlTypeName.BOOLEAN, 1));
    assertEquals("NULL", spark.literal(null, SqlTypeName.VARCHAR, 1));
    assertEquals("'42'", spark.literal(42, SqlTypeName.VARCHAR, 1), "a number bound to a string is its text");
  }

  @Test
  void aValueThatIsNotOfTheTypeIs22023NamingTheParameter() {
    SQLException e = assertThrows(SQLException.class, () -> spark.literal("1; DROP TABLE t", SqlTypeName.INTEGER, 3));
    assertEquals("22023", e.getSQLState());
    assertEquals(true, e.getMessage().startsWith("Parameter 3 is INTEGER"), e.getMessage());
  }
}
