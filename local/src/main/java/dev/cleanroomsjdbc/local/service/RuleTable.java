package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A table a protected query reads, as its AGGREGATION or LIST analysis rule sees it.
 *
 * @param name the association name (the table's name in SQL)
 * @param ruleType {@code AGGREGATION} or {@code LIST}
 * @param policy the rule's {@code v1.aggregation} or {@code v1.list} object
 * @param columns the columns the collaboration may see, lower-cased
 * @param runnerOwned whether the table belongs to the member running the query
 */
record RuleTable(String name, String ruleType, JsonNode policy, Set<String> columns, boolean runnerOwned) {

  /** The rule's name as the User Guide spells it, for messages. */
  String ruleName() {
    return "AGGREGATION".equals(ruleType) ? "Aggregation analysis rule" : "List analysis rule";
  }

  /** The lower-cased column names of a list field of the policy. */
  Set<String> columnsOf(String field) {
    return lowerCased(Inputs.textList(policy, field));
  }

  /** The logical operators a join condition may use; AND when the rule names none, as the model documents. */
  Set<String> joinOperators() {
    return policy.has("allowedJoinOperators") ? Set.copyOf(Inputs.textList(policy, "allowedJoinOperators"))
        : Set.of("AND");
  }

  /** A refusal of this query that names the table, its rule and what the rule does not allow. */
  CleanRoomsError refuse(String what) {
    return CleanRoomsError.invalidQuery("The " + ruleName() + " of table " + name + " does not allow " + what);
  }

  static Set<String> lowerCased(Iterable<String> names) {
    Set<String> out = new LinkedHashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return out;
  }
}
