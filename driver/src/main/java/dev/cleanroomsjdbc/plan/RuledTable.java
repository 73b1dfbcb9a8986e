package dev.cleanroomsjdbc.plan;

import software.amazon.awssdk.services.cleanrooms.model.AnalysisRulePolicyV1;

/** A table whose analysis rules say which of its columns a query may return (the collaboration's tables). */
public interface RuledTable {

  /**
   * Why {@code column} may not be in a query's output, naming the rule, or null when it may.
   *
   * @param derived the output is computed from the column (an aggregate, an expression), not the column itself
   */
  String whyNotOutput(String column, boolean derived);

  /** The table's name as queries give it (the collaboration's association name). */
  String ruledName();

  /**
   * The analysis rule whose fixed query structure the table's queries follow: its AGGREGATION or LIST policy, or
   * null when it has a CUSTOM rule (any query its allowed analyses allow) or none the driver can read.
   */
  AnalysisRulePolicyV1 shapeRule();
}
