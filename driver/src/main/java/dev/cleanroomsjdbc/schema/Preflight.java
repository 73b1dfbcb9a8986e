package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleCustom;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/**
 * Refuses, before anything is submitted, what the collaboration's own settings already show Clean Rooms would
 * refuse: a member without the ability, a table whose analysis method or custom analysis rule does not allow the
 * template. Each message names the rule. What only the service can judge (a query's shape under an aggregation
 * or list rule) is left to it.
 */
final class Preflight {
  private final CollaborationSchema collaboration;

  Preflight(CollaborationSchema collaboration) {
    this.collaboration = collaboration;
  }

  void checkTemplate(CollaborationAnalysisTemplate template) throws SQLException {
    boolean job = template.format() == AnalysisFormat.PYSPARK_1_0;
    MemberAbility ability = job ? MemberAbility.CAN_RUN_JOB : MemberAbility.CAN_QUERY;
    if (!collaboration.session().membership().memberAbilities().contains(ability)) {
      throw refused(template, "membership " + collaboration.session().membershipId() + " lacks the member ability "
          + ability + " (rule: only members with " + ability + " run " + (job ? "jobs" : "queries") + ")");
    }
    List<String> referenced = template.schema() == null ? List.of() : template.schema().referencedTables();
    for (String tableName : referenced) {
      Schema table = collaboration.collaborationTables().stream().map(CleanRoomsTable::schema)
          .filter(s -> s.name().equals(tableName)).findFirst().orElse(null);
      if (table == null) {
        continue; // the service reports tables the driver cannot see
      }
      String method = job ? "DIRECT_JOB" : "DIRECT_QUERY";
      if (table.analysisMethod() != null && !table.analysisMethodAsString().equals(method)
          && !table.analysisMethodAsString().equals("MULTIPLE")) {
        throw refused(template, "table " + tableName + " has analysis method " + table.analysisMethodAsString()
            + ", which does not allow " + method);
      }
      AnalysisRuleCustom custom = customRule(tableName);
      String any = job ? "ANY_JOB" : "ANY_QUERY";
      if (custom != null && !custom.allowedAnalyses().contains(any)
          && !custom.allowedAnalyses().contains(template.arn())) {
        throw refused(template, "the CUSTOM analysis rule of table " + tableName + " allows "
            + custom.allowedAnalyses() + ", neither " + any + " nor this template");
      }
    }
  }

  private AnalysisRuleCustom customRule(String tableName) throws SQLException {
    for (AnalysisRule rule : collaboration.analysisRules()) {
      if (rule.name().equals(tableName) && rule.policy() != null && rule.policy().v1() != null
          && rule.policy().v1().custom() != null) {
        return rule.policy().v1().custom();
      }
    }
    return null;
  }

  private static SQLException refused(CollaborationAnalysisTemplate template, String why) {
    return SqlState.RULE_VIOLATION.exception("Analysis template " + template.name()
        + " would be refused by Clean Rooms, so nothing was submitted: " + why);
  }
}
