package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.engine.SqlTableNames;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.GlueTable;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules the tables a protected query reads must pass before StartProtectedQuery accepts it: the table's
 * analysis method and its CUSTOM analysis rule. AGGREGATION and LIST rules are accepted without checking the
 * query's structure against them.
 */
final class QueryRules {
  static final String ANY_QUERY = "ANY_QUERY";

  private final CleanRoomsState state;
  private final TableService tables;

  QueryRules(CleanRoomsState state, TableService tables) {
    this.state = state;
    this.tables = tables;
  }

  /**
   * The collaboration's tables the SQL reads, by alias, once each has passed the rules; none when the SQL does
   * not parse, so that running it fails with MALFORMED_QUERY as the service reports it.
   */
  Map<String, TableSource> verifyReferencedTables(Membership membership, String sql, AnalysisTemplate template,
      String callerAccountId) {
    Set<String> names = SqlTableNames.of(sql).orElse(Set.of());
    Map<String, TableSource> sources = new LinkedHashMap<>();
    for (TableAssociation association : state.associations()
        .where(a -> a.collaborationId().equals(membership.collaborationId()))) {
      if (!names.contains(association.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      ConfiguredTable table = tables.tableOf(association);
      verifyAnalysisMethod(association.name(), table);
      verifyCustomRuleAllows(association.name(), table, template, callerAccountId);
      GlueTable glue = table.glueTable();
      sources.put(association.name(), new TableSource(association.name(), TableService.visibleColumns(table),
          glue.data(), glue.format()));
    }
    return sources;
  }

  /** Analysis method rule: queries read only tables whose analysis method is DIRECT_QUERY or MULTIPLE. */
  private static void verifyAnalysisMethod(String alias, ConfiguredTable table) {
    boolean allowed = "DIRECT_QUERY".equals(table.analysisMethod())
        || "MULTIPLE".equals(table.analysisMethod()) && (table.selectedAnalysisMethods().isEmpty()
            || table.selectedAnalysisMethods().contains("DIRECT_QUERY"));
    if (!allowed) {
      throw CleanRoomsError.validation("sqlParameters", "table " + alias + " has analysis method "
          + table.analysisMethod() + "; protected queries need DIRECT_QUERY or MULTIPLE");
    }
  }

  /**
   * Custom analysis rule: a table with a CUSTOM rule is read only by a query its {@code allowedAnalyses} allows,
   * {@code ANY_QUERY} from an account in {@code allowedAnalysisProviders} or the template's ARN. A table with no
   * analysis rule at all cannot be queried.
   */
  private void verifyCustomRuleAllows(String alias, ConfiguredTable table, AnalysisTemplate template,
      String callerAccountId) {
    List<String> types = tables.ruleTypes(table.id());
    if (types.isEmpty()) {
      throw CleanRoomsError.invalidConfiguration("table " + alias
          + " has no analysis rule; a configured table needs one before it can be queried");
    }
    if (!types.contains("CUSTOM")) {
      return;
    }
    JsonNode custom = tables.rule(table.id(), "CUSTOM").policy().path("v1").path("custom");
    List<String> allowed = Inputs.textList(custom, "allowedAnalyses");
    boolean anyQuery = allowed.contains(ANY_QUERY)
        && Inputs.textList(custom, "allowedAnalysisProviders").contains(callerAccountId);
    boolean thisTemplate = template != null && allowed.contains(template.arn());
    if (!anyQuery && !thisTemplate) {
      throw CleanRoomsError.invalidConfiguration("Custom analysis rule: the CUSTOM analysis rule of table " + alias
          + " does not allow this query; its allowedAnalyses must contain " + ANY_QUERY + " (with account "
          + callerAccountId + " in allowedAnalysisProviders)"
          + (template == null ? "" : " or the analysis template's ARN " + template.arn()));
    }
  }
}
