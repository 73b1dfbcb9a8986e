package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.AssociationAnalysisRule;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Collaboration analysis rules (configured table association analysis rules): a table owner's limits on who may
 * receive results from its table in one collaboration.
 */
public final class AssociationRuleService {
  private final CleanRoomsState state;
  private final TableService tables;

  public AssociationRuleService(CleanRoomsState state, TableService tables) {
    this.state = state;
    this.tables = tables;
  }

  public AssociationAnalysisRule create(Caller caller, String membershipIdentifier, String associationIdentifier,
      JsonNode input) {
    TableAssociation association = tables.getAssociation(caller, membershipIdentifier, associationIdentifier);
    String type = Inputs.text(input, "analysisRuleType");
    TableService.verifyPolicyOfType(type, input.get("analysisRulePolicy"));
    JsonNode body = input.get("analysisRulePolicy").get("v1").get(type.toLowerCase(Locale.ROOT));
    verifyTableHasRule(association, type);
    verifyReceiversAreMembers(association, Inputs.textList(body, "allowedResultReceivers"));
    AssociationAnalysisRule rule = new AssociationAnalysisRule(association.id(), association.membershipId(), type,
        input.get("analysisRulePolicy"), state.now());
    if (!state.associationRules().putIfNone(
        r -> r.associationId().equals(association.id()) && r.type().equals(type), rule)) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", association.id(),
          "Configured table association " + association.id() + " already has a " + type + " analysis rule");
    }
    return rule;
  }

  public AssociationAnalysisRule get(Caller caller, String membershipIdentifier, String associationIdentifier,
      String type) {
    TableAssociation association = tables.getAssociation(caller, membershipIdentifier, associationIdentifier);
    return find(association.id(), type).orElseThrow(() -> CleanRoomsError.notFound("CONFIGURED_TABLE_ASSOCIATION",
        association.id(), "Configured table association " + association.id() + " has no " + type
            + " analysis rule"));
  }

  /** The rule of {@code type} on an association, if its owner created one. */
  public Optional<AssociationAnalysisRule> find(String associationId, String type) {
    return state.associationRules().get(associationId + "/" + type);
  }

  /** The association a rule belongs to (for the rule's ARN in views). */
  public TableAssociation associationOf(AssociationAnalysisRule rule) {
    return state.associations().get(rule.associationId()).orElseThrow();
  }

  /** The service keeps a collaboration rule only beside a configured table rule of the same type. */
  private void verifyTableHasRule(TableAssociation association, String type) {
    if (!tables.ruleTypes(association.configuredTableId()).contains(type)) {
      throw CleanRoomsError.invalidConfiguration("Configured table " + association.configuredTableId()
          + " has no " + type + " analysis rule; a " + type
          + " collaboration analysis rule needs the configured table rule of the same type");
    }
  }

  /** Result receivers rule: every allowed result receiver is a member of the collaboration. */
  private void verifyReceiversAreMembers(TableAssociation association, List<String> receivers) {
    Collaboration collaboration = state.collaborations().get(association.collaborationId()).orElseThrow();
    for (String account : receivers) {
      if (!collaboration.hasMember(account)) {
        throw CleanRoomsError.validation("analysisRulePolicy.v1.custom.allowedResultReceivers",
            "allowed result receiver " + account + " is not a member of collaboration " + collaboration.id());
      }
    }
  }
}
