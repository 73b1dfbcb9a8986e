package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.engine.EngineSql;
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
 * analysis method, one analysis rule type for all of them, and that rule: CUSTOM here, AGGREGATION and LIST in
 * {@link AggregationRules} and {@link ListRules}.
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
  VerifiedQuery verifyReferencedTables(Membership membership, String sql, AnalysisTemplate template,
      String callerAccountId, EngineSql engine) {
    Set<String> names = SqlTableNames.of(sql, engine).orElse(Set.of());
    Map<String, TableSource> sources = new LinkedHashMap<>();
    Map<String, RuleTable> structured = new LinkedHashMap<>();
    String firstType = null;
    String firstTable = null;
    for (TableAssociation association : state.associations()
        .where(a -> a.collaborationId().equals(membership.collaborationId()))) {
      if (!names.contains(association.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      ConfiguredTable table = tables.tableOf(association);
      verifyAnalysisMethod(association.name(), table);
      verifyCustomRuleAllows(association.name(), table, template, callerAccountId);
      String type = queryRuleType(table);
      if (firstType != null && !firstType.equals(type)) {
        throw CleanRoomsError.invalidQuery("Queries can only reference configured tables with the same analysis"
            + " rule type: table " + firstTable + " has a " + firstType + " analysis rule and table "
            + association.name() + " a " + type + " analysis rule");
      }
      firstType = type;
      firstTable = association.name();
      if (!"CUSTOM".equals(type)) {
        structured.put(association.name().toLowerCase(Locale.ROOT), new RuleTable(association.name(), type,
            tables.rule(table.id(), type).policy().path("v1").path(type.toLowerCase(Locale.ROOT)),
            RuleTable.lowerCased(TableService.visibleColumns(table).stream().map(c -> c.name()).toList()),
            association.membershipId().equals(membership.id())));
      }
      GlueTable glue = table.glueTable();
      sources.put(association.name(), new TableSource(association.name(), TableService.visibleColumns(table),
          glue.data(), glue.format()));
    }
    return new VerifiedQuery(structured.isEmpty() ? sql : verifyStructured(sql, structured, template, engine),
        sources);
  }

  /**
   * The rule a table's queries follow: CUSTOM when it has one (its own check applies), else AGGREGATION, else
   * LIST. The service allows one rule per configured table; the local one keeps one per type, so this order
   * decides when a table has several.
   */
  private String queryRuleType(ConfiguredTable table) {
    List<String> types = tables.ruleTypes(table.id());
    return types.contains("CUSTOM") ? "CUSTOM" : types.contains("AGGREGATION") ? "AGGREGATION" : "LIST";
  }

  /** AGGREGATION and LIST rules: the query's structure, and the SQL to run with the output constraints added. */
  private static String verifyStructured(String sql, Map<String, RuleTable> ruleTables, AnalysisTemplate template,
      EngineSql engine) {
    RuleTable first = ruleTables.values().iterator().next();
    if (template != null) {
      throw first.refuse("analysis templates; templates run only on tables with a CUSTOM analysis rule");
    }
    QueryShape shape = QueryShape.of(sql, ruleTables, first, engine);
    if ("AGGREGATION".equals(first.ruleType())) {
      AggregationRules.verify(shape);
      return OutputConstraints.apply(shape, sql, engine);
    }
    ListRules.verify(shape);
    return sql;
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
