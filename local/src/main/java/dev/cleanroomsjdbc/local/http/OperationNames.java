package dev.cleanroomsjdbc.local.http;

import java.util.Map;

/**
 * The service model's operation name of each route ({@code "GET /memberships/{membershipIdentifier}"} →
 * {@code GetMembership}), so that the fault mode can be limited to operations by the names users know.
 */
final class OperationNames {
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("POST /collaborations", "CreateCollaboration"),
      Map.entry("GET /collaborations", "ListCollaborations"),
      Map.entry("GET /collaborations/{collaborationIdentifier}", "GetCollaboration"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/members", "ListMembers"),
      Map.entry("POST /memberships", "CreateMembership"),
      Map.entry("GET /memberships", "ListMemberships"),
      Map.entry("GET /memberships/{membershipIdentifier}", "GetMembership"),
      Map.entry("PATCH /memberships/{membershipIdentifier}", "UpdateMembership"),
      Map.entry("POST /memberships/{membershipIdentifier}/protectedJobs", "StartProtectedJob"),
      Map.entry("GET /memberships/{membershipIdentifier}/protectedJobs", "ListProtectedJobs"),
      Map.entry("GET /memberships/{membershipIdentifier}/protectedJobs/{protectedJobIdentifier}", "GetProtectedJob"),
      Map.entry("PATCH /memberships/{membershipIdentifier}/protectedJobs/{protectedJobIdentifier}",
          "UpdateProtectedJob"),
      Map.entry("POST /memberships/{membershipIdentifier}/protectedQueries", "StartProtectedQuery"),
      Map.entry("GET /memberships/{membershipIdentifier}/protectedQueries", "ListProtectedQueries"),
      Map.entry("GET /memberships/{membershipIdentifier}/protectedQueries/{protectedQueryIdentifier}",
          "GetProtectedQuery"),
      Map.entry("PATCH /memberships/{membershipIdentifier}/protectedQueries/{protectedQueryIdentifier}",
          "UpdateProtectedQuery"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/schemas", "ListSchemas"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/schemas/{name}", "GetSchema"),
      Map.entry("POST /collaborations/{collaborationIdentifier}/batch-schema", "BatchGetSchema"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/schemas/{name}/analysisRule/{type}",
          "GetSchemaAnalysisRule"),
      Map.entry("POST /collaborations/{collaborationIdentifier}/batch-schema-analysis-rule",
          "BatchGetSchemaAnalysisRule"),
      Map.entry("PATCH /collaborations/{collaborationIdentifier}", "UpdateCollaboration"),
      Map.entry("PATCH /configuredTables/{configuredTableIdentifier}", "UpdateConfiguredTable"),
      Map.entry("PATCH /memberships/{membershipIdentifier}/analysistemplates/{analysisTemplateIdentifier}",
          "UpdateAnalysisTemplate"),
      Map.entry("POST /configuredTables", "CreateConfiguredTable"),
      Map.entry("GET /configuredTables", "ListConfiguredTables"),
      Map.entry("GET /configuredTables/{configuredTableIdentifier}", "GetConfiguredTable"),
      Map.entry("POST /configuredTables/{configuredTableIdentifier}/analysisRule",
          "CreateConfiguredTableAnalysisRule"),
      Map.entry("GET /configuredTables/{configuredTableIdentifier}/analysisRule/{analysisRuleType}",
          "GetConfiguredTableAnalysisRule"),
      Map.entry("POST /memberships/{membershipIdentifier}/configuredTableAssociations",
          "CreateConfiguredTableAssociation"),
      Map.entry("GET /memberships/{membershipIdentifier}/configuredTableAssociations",
          "ListConfiguredTableAssociations"),
      Map.entry("GET /memberships/{membershipIdentifier}/configuredTableAssociations/"
          + "{configuredTableAssociationIdentifier}", "GetConfiguredTableAssociation"),
      Map.entry("POST /memberships/{membershipIdentifier}/configuredTableAssociations/"
          + "{configuredTableAssociationIdentifier}/analysisRule", "CreateConfiguredTableAssociationAnalysisRule"),
      Map.entry("GET /memberships/{membershipIdentifier}/configuredTableAssociations/"
          + "{configuredTableAssociationIdentifier}/analysisRule/{analysisRuleType}",
          "GetConfiguredTableAssociationAnalysisRule"),
      Map.entry("POST /memberships/{membershipIdentifier}/analysistemplates", "CreateAnalysisTemplate"),
      Map.entry("GET /memberships/{membershipIdentifier}/analysistemplates", "ListAnalysisTemplates"),
      Map.entry("GET /memberships/{membershipIdentifier}/analysistemplates/{analysisTemplateIdentifier}",
          "GetAnalysisTemplate"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/analysistemplates",
          "ListCollaborationAnalysisTemplates"),
      Map.entry("GET /collaborations/{collaborationIdentifier}/analysistemplates/{analysisTemplateArn}",
          "GetCollaborationAnalysisTemplate"),
      Map.entry("POST /collaborations/{collaborationIdentifier}/batch-analysistemplates",
          "BatchGetCollaborationAnalysisTemplate"));

  private OperationNames() {}

  /** The operation name of {@code route} ("METHOD /template"), or the route itself for one not listed here. */
  static String of(String route) {
    return NAMES.getOrDefault(route, route);
  }
}
