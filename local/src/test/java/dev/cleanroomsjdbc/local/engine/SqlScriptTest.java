package dev.cleanroomsjdbc.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  private static List<String> names(String script) {
    return SqlScript.parse(script).stream().map(SqlScript.Statement::name).toList();
  }

  @Test
  void semicolonsInsideQuotesAndCommentsDoNotSplit() {
    List<SqlScript.Statement> statements = SqlScript.parse(
        "select 'a;b', \"c;d\", `e;f` from t -- x;y\n/* ; */ where 1 = 1; select 2");
    assertEquals(2, statements.size());
    assertEquals("select 'a;b', \"c;d\", `e;f` from t -- x;y\n/* ; */ where 1 = 1", statements.get(0).sql());
    assertEquals("select 2", statements.get(1).sql());
  }

  @Test
  void aDoubledQuoteDoesNotEndTheString() {
    assertEquals(1, SqlScript.parse("select 'it''s; fine' from t;").size());
  }

  @Test
  void resultCommentsNameTheFollowingStatement() {
    assertEquals(List.of("first", "result_2", "third"),
        names("-- result: first\nselect 1;\nselect 2;\n-- a note\n--result:third\nselect 3;"));
  }

  @Test
  void oneUnnamedStatementIsResultAndSeveralAreNumbered() {
    assertEquals(List.of("result"), names("select 1;"));
    assertEquals(List.of("result_1", "result_2"), names("select 1; select 2"));
  }

  @Test
  void commentOnlyChunksAreNotStatements() {
    assertEquals(List.of("result"), names("-- header\n;\nselect 1;\n-- trailing comment\n"));
  }
}
