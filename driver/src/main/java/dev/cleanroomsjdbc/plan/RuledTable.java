package dev.cleanroomsjdbc.plan;

/** A table whose analysis rules say which of its columns a query may return (the collaboration's tables). */
public interface RuledTable {

  /**
   * Why {@code column} may not be in a query's output, naming the rule, or null when it may.
   *
   * @param derived the output is computed from the column (an aggregate, an expression), not the column itself
   */
  String whyNotOutput(String column, boolean derived);
}
