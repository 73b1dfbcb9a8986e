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
