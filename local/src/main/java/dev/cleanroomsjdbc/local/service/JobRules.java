package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.AssociationAnalysisRule;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import java.util.List;

/**
 * The rules a protected job's referenced tables must pass before StartProtectedJob accepts it: the table's
 * analysis method, its CUSTOM analysis rule, and the collaboration analysis rule of its association.
 */
public final class JobRules {
  static final String ANY_JOB = "ANY_JOB";

  private final TableService tables;
  private final AssociationRuleService associationRules;

  public JobRules(TableService tables, AssociationRuleService associationRules) {
    this.tables = tables;
    this.associationRules = associationRules;
  }

  /** Every rule for one referenced table, in the order the service reports them. */
  void verifyReferencedTable(String alias, TableAssociation association, ConfiguredTable table,
      AnalysisTemplate template) {
    verifyAnalysisMethod(alias, table);
    verifyCustomRuleAllows(alias, table, template);
    verifyResultReceiverAllowed(alias, association, template.creatorAccountId());
  }

  /** Analysis method rule: jobs read only tables whose analysis method is DIRECT_JOB or MULTIPLE. */
  void verifyAnalysisMethod(String alias, ConfiguredTable table) {
    if (!table.allowsJobs()) {
      throw CleanRoomsError.validation("schema.referencedTables", "table " + alias + " has analysis method "
          + table.analysisMethod() + "; protected jobs need DIRECT_JOB or MULTIPLE");
    }
  }

  /**
   * Custom analysis rule: jobs read only tables with a CUSTOM analysis rule whose {@code allowedAnalyses} holds
   * {@code ANY_JOB} or the template's ARN (the table owner's approval of the code).
   */
  void verifyCustomRuleAllows(String alias, ConfiguredTable table, AnalysisTemplate template) {
    if (!tables.ruleTypes(table.id()).contains("CUSTOM")) {
      throw CleanRoomsError.invalidConfiguration("Custom analysis rule: table " + alias
          + " has no CUSTOM analysis rule; protected jobs read only tables whose CUSTOM analysis rule allows "
          + ANY_JOB + " or the analysis template's ARN");
    }
    JsonNode custom = tables.rule(table.id(), "CUSTOM").policy().path("v1").path("custom");
    List<String> allowed = Inputs.textList(custom, "allowedAnalyses");
    if (!allowed.contains(ANY_JOB) && !allowed.contains(template.arn())) {
      throw CleanRoomsError.invalidConfiguration("Custom analysis rule: the CUSTOM analysis rule of table "
          + alias + " does not allow analysis template " + template.name() + " (" + template.arn()
          + "); its allowedAnalyses must contain " + ANY_JOB + " or the template's ARN");
    }
  }

  /**
   * Collaboration analysis rule: when the table's association has a CUSTOM rule with
   * {@code allowedResultReceivers}, the job's result receiver must be listed.
   */
  void verifyResultReceiverAllowed(String alias, TableAssociation association, String receiverAccountId) {
    AssociationAnalysisRule rule = associationRules.find(association.id(), "CUSTOM").orElse(null);
    JsonNode custom = rule == null ? null : rule.policy().path("v1").path("custom");
    if (custom == null || !custom.has("allowedResultReceivers")) {
      return;
    }
    List<String> receivers = Inputs.textList(custom, "allowedResultReceivers");
    if (!receivers.contains(receiverAccountId)) {
      throw CleanRoomsError.invalidConfiguration("Collaboration analysis rule: the CUSTOM collaboration analysis"
          + " rule of table " + alias + " allows results only for accounts " + receivers
          + "; the result receiver " + receiverAccountId + " (the template's creator) is not among them");
    }
  }
}
