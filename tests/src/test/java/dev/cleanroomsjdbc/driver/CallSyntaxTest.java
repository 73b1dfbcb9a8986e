package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spellings of a template call that the driver turns into a table function query. */
class CallSyntaxTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CALL demo.t()                 | SELECT * FROM TABLE(demo.t())",
      "call demo.t                   | SELECT * FROM TABLE(demo.t())",
      "  Call demo.t(1, 'x') ;       | SELECT * FROM TABLE(demo.t(1, 'x'))",
      "{call demo.t()}               | SELECT * FROM TABLE(demo.t())",
      "{ CALL demo.t(p => 1) }       | SELECT * FROM TABLE(demo.t(p => 1))",
      "SELECT * FROM TABLE(demo.t()) | SELECT * FROM TABLE(demo.t())",
      "SELECT * FROM (CALL demo.t()) q WHERE 1=0 | SELECT * FROM (SELECT * FROM TABLE(demo.t())) q WHERE 1=0",
      "SELECT * FROM ({call demo.t(1)}) q        | SELECT * FROM (SELECT * FROM TABLE(demo.t(1))) q",
      "SELECT * FROM (  call demo.t ) q          | SELECT * FROM (  SELECT * FROM TABLE(demo.t()) ) q",
      "SELECT TOP 5 a FROM t ORDER BY a           | SELECT a FROM t ORDER BY a FETCH NEXT 5 ROWS ONLY",
      "SELECT DISTINCT TOP 5 a FROM t             | SELECT DISTINCT a FROM t FETCH NEXT 5 ROWS ONLY",
      "SELECT * FROM (SELECT TOP 1 a FROM t) x    | SELECT * FROM (SELECT a FROM t FETCH NEXT 1 ROWS ONLY) x",
      "SELECT TOP 2 a FROM t UNION SELECT b FROM u | (SELECT a FROM t FETCH NEXT 2 ROWS ONLY) UNION SELECT b FROM u",
      "SELECT call FROM t                         | SELECT call FROM t",
      "SELECT \"top\" FROM t WHERE x = 'CALL y()' | SELECT \"top\" FROM t WHERE x = 'CALL y()'",
  })
  void aCallBecomesATableFunctionQuery(String sql, String expected) throws SQLException {
    assertEquals(expected, CallSyntax.of(sql).sql());
  }

  @Test
  void aCallWithAReturnValueIsNotSupported() {
    SQLException e = assertThrows(SQLException.class, () -> CallSyntax.of("{? = call demo.t()}"));
    assertEquals("0A000", e.getSQLState());
  }
}
