package dev.cleanroomsjdbc.local.engine;

import java.util.List;
import java.util.Map;

/** A {@code .sql} job script as (result name, statement) pairs, for runtimes outside this package. */
public final class SqlScripts {
  private SqlScripts() {}

  /** The statements in order, named as docs/local-job-runtime.md says ({@code -- result: <name>}). */
  public static List<Map.Entry<String, String>> statements(String script) {
    return SqlScript.parse(script).stream().map(s -> Map.entry(s.name(), s.sql())).toList();
  }
}
