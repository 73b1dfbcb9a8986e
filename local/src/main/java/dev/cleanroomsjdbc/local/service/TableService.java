package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.AssociationAnalysisRule;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.GlueTable;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.state.TableAnalysisRule;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Configured tables (backed by the local Glue catalog), their analysis rules, and their associations. */
public final class TableService {
  private final CleanRoomsState state;
  private final Access access;

  public TableService(CleanRoomsState state, Access access) {
    this.state = state;
    this.access = access;
  }

  public ConfiguredTable createConfiguredTable(Caller caller, JsonNode input) {
    JsonNode reference = Inputs.object(input, "tableReference");
    GlueTable glue = verifyGlueTable(reference);
    List<String> allowed = Inputs.textList(input, "allowedColumns");
    verifyAllowedColumns(glue, allowed);
    String method = Inputs.text(input, "analysisMethod");
    List<String> selected = Inputs.textList(input, "selectedAnalysisMethods");
    verifySelectedAnalysisMethods(method, selected);
    String id = state.newId();
    Instant now = state.now();
    return state.configuredTables().put(new ConfiguredTable(id,
        Arns.configuredTable(caller.region(), caller.accountId(), id), caller.accountId(), Inputs.text(input, "name"),
        Inputs.text(input, "description"), reference, glue, allowed, method, selected, now, now));
  }

  /** Changes only the members the input names; a new table reference or allowed columns are verified again. */
  public ConfiguredTable updateConfiguredTable(Caller caller, String identifier, JsonNode input) {
    ConfiguredTable t = access.verifyOwnConfiguredTable(caller, identifier);
    JsonNode reference = input.has("tableReference") ? Inputs.object(input, "tableReference") : t.tableReference();
    GlueTable glue = input.has("tableReference") ? verifyGlueTable(reference) : t.glueTable();
    List<String> allowed = input.has("allowedColumns") ? Inputs.textList(input, "allowedColumns")
        : t.allowedColumns();
    verifyAllowedColumns(glue, allowed);
    String method = Inputs.text(input, "analysisMethod", t.analysisMethod());
    List<String> selected = input.has("selectedAnalysisMethods") ? Inputs.textList(input, "selectedAnalysisMethods")
        : t.selectedAnalysisMethods();
    verifySelectedAnalysisMethods(method, selected);
    return state.configuredTables().put(new ConfiguredTable(t.id(), t.arn(), t.accountId(),
        Inputs.text(input, "name", t.name()), Inputs.text(input, "description", t.description()), reference,
        glue, allowed, method, selected, t.createTime(), state.now()));
  }

  public ConfiguredTable getConfiguredTable(Caller caller, String identifier) {
    return access.verifyOwnConfiguredTable(caller, identifier);
  }

  public List<ConfiguredTable> listConfiguredTables(Caller caller) {
    return state.configuredTables().where(t -> t.accountId().equals(caller.accountId()));
  }

  /** The analysis rule types a configured table has, in AGGREGATION, LIST, CUSTOM order. */
  public List<String> ruleTypes(String configuredTableId) {
    return state.tableRules().where(r -> r.configuredTableId().equals(configuredTableId)).stream()
        .map(TableAnalysisRule::type).sorted().toList();
  }

  /** The collaboration analysis rule types an association has, in AGGREGATION, LIST, CUSTOM order. */
  public List<String> associationRuleTypes(String associationId) {
    return state.associationRules().where(r -> r.associationId().equals(associationId)).stream()
        .map(AssociationAnalysisRule::type).sorted().toList();
  }

  public TableAnalysisRule createAnalysisRule(Caller caller, String tableIdentifier, JsonNode input) {
    ConfiguredTable table = access.verifyOwnConfiguredTable(caller, tableIdentifier);
    String type = Inputs.text(input, "analysisRuleType");
    JsonNode policy = Inputs.object(input, "analysisRulePolicy");
    verifyPolicyOfType(type, policy);
    TableAnalysisRule rule = new TableAnalysisRule(table.id(), type, policy, state.now());
    if (!state.tableRules().putIfNone(r -> r.configuredTableId().equals(table.id()) && r.type().equals(type), rule)) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", table.id(),
          "Configured table " + table.id() + " already has a " + type + " analysis rule");
    }
    return rule;
  }

  public TableAnalysisRule getAnalysisRule(Caller caller, String tableIdentifier, String type) {
    ConfiguredTable table = access.verifyOwnConfiguredTable(caller, tableIdentifier);
    return rule(table.id(), type);
  }

  public TableAnalysisRule rule(String configuredTableId, String type) {
    return state.tableRules().get(configuredTableId + "/" + type).orElseThrow(() -> CleanRoomsError.notFound(
        "CONFIGURED_TABLE", configuredTableId,
        "Configured table " + configuredTableId + " has no " + type + " analysis rule"));
  }

  public TableAssociation createAssociation(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    String name = Inputs.text(input, "name");
    ConfiguredTable table = access.verifyOwnConfiguredTable(caller, Inputs.text(input, "configuredTableIdentifier"));
    String roleArn = Inputs.text(input, "roleArn");
    String id = state.newId();
    TableAssociation association = new TableAssociation(id,
        Arns.association(caller.region(), caller.accountId(), membership.id(), id), membership.id(),
        membership.collaborationId(), table.id(), name, Inputs.text(input, "description"), roleArn,
        state.now());
    if (!state.associations().putIfNone(a -> a.collaborationId().equals(membership.collaborationId())
        && (a.name().equals(name) || a.configuredTableId().equals(table.id())), association)) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", name,
          "The collaboration already has a table named " + name + " or this configured table is already associated");
    }
    return association;
  }

  public TableAssociation getAssociation(Caller caller, String membershipIdentifier, String identifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    String id = Arns.idOf(identifier);
    return state.associations().get(id).filter(a -> a.membershipId().equals(membership.id()))
        .orElseThrow(() -> CleanRoomsError.notFound("CONFIGURED_TABLE_ASSOCIATION", id,
            "Configured table association " + id + " not found"));
  }

  public List<TableAssociation> listAssociations(Caller caller, String membershipIdentifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.associations().where(a -> a.membershipId().equals(membership.id()));
  }

  public ConfiguredTable configuredTable(String id) {
    return state.configuredTables().get(id).orElseThrow();
  }

  public Membership membershipOf(TableAssociation association) {
    return state.memberships().get(association.membershipId()).orElseThrow();
  }

  public ConfiguredTable tableOf(TableAssociation association) {
    return state.configuredTables().get(association.configuredTableId()).orElseThrow();
  }

  /** The Glue columns the collaboration may see, in Glue order. */
  public static List<ColumnSpec> visibleColumns(ConfiguredTable table) {
    Set<String> allowed = Set.copyOf(table.allowedColumns());
    return table.glueTable().columns().stream().filter(c -> allowed.contains(c.name())).toList();
  }

  /** Glue reference rule (a limit of the local Clean Rooms): tables resolve only through the local Glue catalog. */
  private GlueTable verifyGlueTable(JsonNode reference) {
    JsonNode glueRef = Inputs.object(reference, "glue");
    if (glueRef == null) {
      throw CleanRoomsError.validation("tableReference",
          "the local Clean Rooms supports only glue table references");
    }
    String database = Inputs.text(glueRef, "databaseName");
    String tableName = Inputs.text(glueRef, "tableName");
    return state.glue().find(database, tableName).orElseThrow(() -> CleanRoomsError.validation(
        "tableReference", "Glue table " + database + "." + tableName + " does not exist in the local Glue catalog"));
  }

  /**
   * Selected analysis methods rule: MULTIPLE names at least two distinct selected analysis methods (the query and
   * the job method it allows both).
   */
  static void verifySelectedAnalysisMethods(String method, List<String> selected) {
    if ("MULTIPLE".equals(method) && Set.copyOf(selected).size() < 2) {
      throw CleanRoomsError.invalidConfiguration("Selected analysis methods rule: analysis method MULTIPLE needs at"
          + " least two selectedAnalysisMethods (DIRECT_QUERY and DIRECT_JOB), got " + selected);
    }
  }

  /** Analysis rule policy rule: the policy's v1 holds the member that {@code analysisRuleType} names. */
  static void verifyPolicyOfType(String type, JsonNode policy) {
    if (!policy.path("v1").has(type.toLowerCase(Locale.ROOT))) {
      throw CleanRoomsError.invalidConfiguration("Analysis rule policy rule: analysisRuleType " + type
          + " needs analysisRulePolicy.v1." + type.toLowerCase(Locale.ROOT));
    }
  }

  /** Allowed columns rule: every allowed column exists in the Glue table. */
  private static void verifyAllowedColumns(GlueTable glue, List<String> allowed) {
    Set<String> known = glue.columns().stream().map(ColumnSpec::name).collect(Collectors.toSet());
    for (String column : allowed) {
      if (!known.contains(column)) {
        throw CleanRoomsError.validation("allowedColumns",
            "column " + column + " does not exist in Glue table " + glue.database() + "." + glue.table());
      }
    }
  }
}
