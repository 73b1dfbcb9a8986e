package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.engine.EngineSql;
import dev.cleanroomsjdbc.local.engine.QueryRuntime;
import dev.cleanroomsjdbc.local.engine.QuerySpec;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.state.ProtectedQuery;
import dev.cleanroomsjdbc.local.state.QueryOutput;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protected queries: the checks StartProtectedQuery makes, listing, and cancellation; running is
 * {@link QueryRunner}'s.
 */
public final class QueryService {
  static final String CONCURRENCY_QUOTA = "Concurrent protected queries per membership";
  static final int CONCURRENCY_LIMIT = 5;

  private final CleanRoomsState state;
  private final Access access;
  private final TemplateService templates;
  private final QueryRules rules;
  private final QueryTargets targets;
  private final QueryRunner runner;
  private final Object quotaLock = new Object();

  /**
   * @param timeout a query still running after this long is stopped and ends TIMED_OUT
   */
  public QueryService(CleanRoomsState state, Access access, TableService tables, TemplateService templates,
      QueryRuntime runtime, Duration timeout) {
    this.state = state;
    this.access = access;
    this.templates = templates;
    this.rules = new QueryRules(state, tables);
    this.targets = new QueryTargets(state);
    this.runner = new QueryRunner(runtime, state::now, timeout);
  }

  public ProtectedQuery.Snapshot start(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    if (!membership.can("CAN_QUERY")) {
      throw CleanRoomsError.accessDenied("Membership " + membership.id() + " does not have the CAN_QUERY ability");
    }
    JsonNode sqlInput = input.get("sqlParameters");
    ProtectedQuery.SqlParameters sql = new ProtectedQuery.SqlParameters(Inputs.text(sqlInput, "queryString"),
        Inputs.text(sqlInput, "analysisTemplateArn"), parameters(sqlInput));
    String engine = state.collaborations().get(membership.collaborationId())
        .map(c -> c.analyticsEngine()).orElse("SPARK");
    EngineSql engineSql = EngineSql.of(engine);
    AnalysisTemplate template = sql.analysisTemplateArn() == null ? null : verifySqlTemplate(membership, sql);
    String text = template == null ? verifyQueryString(sql)
        : TemplateParameters.bind(template.text(), template.analysisParameters(), sql.parameters(), engineSql);
    VerifiedQuery verified = rules.verifyReferencedTables(membership, text, template, caller.accountId(), engineSql);
    QueryOutput output = targets.resolve(membership, Inputs.object(input, "resultConfiguration"));
    String queryId = state.newId();
    ProtectedQuery query = new ProtectedQuery(queryId, membership.id(), membership.arn(), sql, output,
        Inputs.object(input, "computeConfiguration"), state.now());
    // Counting and inserting under one lock, so that concurrent starts cannot both pass the quota.
    synchronized (quotaLock) {
      long active = state.queries()
          .where(q -> q.membershipId().equals(membership.id()) && q.snapshot().active()).size();
      if (active >= CONCURRENCY_LIMIT) {
        throw CleanRoomsError.quotaExceeded(CONCURRENCY_QUOTA, CONCURRENCY_LIMIT, "Membership " + membership.id()
            + " already has " + active + " protected queries in progress (limit " + CONCURRENCY_LIMIT + ")");
      }
      state.queries().put(query);
    }
    S3Location folder =
        new S3Location(output.bucket(), JobService.normalisedPrefix(output.keyPrefix()) + queryId + "/");
    ProtectedQuery.Snapshot submitted = query.snapshot();
    runner.submit(query, new QuerySpec(queryId, verified.sql(), verified.sources(), folder, output.resultFormat(),
        output.singleFileOutput(), engine));
    return submitted;
  }

  public ProtectedQuery.Snapshot get(Caller caller, String membershipIdentifier, String queryIdentifier) {
    return find(caller, membershipIdentifier, queryIdentifier).snapshot();
  }

  /** Queries of the membership, newest first, optionally only those with {@code status}. */
  public List<ProtectedQuery.Snapshot> list(Caller caller, String membershipIdentifier, String status) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.queries().where(q -> q.membershipId().equals(membership.id())).stream()
        .map(ProtectedQuery::snapshot)
        .filter(s -> status == null || status.equals(s.status()))
        .sorted(Comparator.comparing(ProtectedQuery.Snapshot::createTime).reversed())
        .toList();
  }

  public ProtectedQuery.Snapshot update(Caller caller, String membershipIdentifier, String queryIdentifier,
      JsonNode input) {
    ProtectedQuery query = find(caller, membershipIdentifier, queryIdentifier);
    try {
      query.requestCancel(state.now());
    } catch (IllegalStateException e) {
      throw CleanRoomsError.conflict("INVALID_STATE", query.id(), e.getMessage());
    }
    return query.snapshot();
  }

  /** Cancels every query still in progress and stops the runner. */
  public void shutdown() {
    for (ProtectedQuery query : state.queries().where(q -> q.snapshot().active())) {
      try {
        query.requestCancel(state.now());
      } catch (IllegalStateException ended) {
        // finished between the listing and the request: nothing left to cancel
      }
    }
    runner.close();
  }

  private ProtectedQuery find(Caller caller, String membershipIdentifier, String queryIdentifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.queries().get(queryIdentifier).filter(q -> q.membershipId().equals(membership.id()))
        .orElseThrow(() -> CleanRoomsError.notFound("PROTECTED_QUERY", queryIdentifier,
            "Protected query " + queryIdentifier + " not found in membership " + membership.id()));
  }

  private static Map<String, String> parameters(JsonNode sqlInput) {
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode map = sqlInput.get("parameters");
    if (map != null && map.isObject()) {
      map.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    }
    return values;
  }

  /** SQL parameters rule: a queryString (not blank), or a template ARN; parameters only with a template. */
  private static String verifyQueryString(ProtectedQuery.SqlParameters sql) {
    String text = sql.queryString();
    if (text == null || text.isBlank()) {
      throw CleanRoomsError.validation("sqlParameters", "sqlParameters needs a queryString or an analysisTemplateArn");
    }
    if (!sql.parameters().isEmpty()) {
      throw CleanRoomsError.validation("sqlParameters.parameters", "parameters apply only to an analysisTemplateArn");
    }
    return text;
  }

  /** SQL template rule: exactly one of queryString and a SQL template ARN of the caller's collaboration. */
  private AnalysisTemplate verifySqlTemplate(Membership membership, ProtectedQuery.SqlParameters sql) {
    if (sql.queryString() != null) {
      throw CleanRoomsError.validation("sqlParameters",
          "sqlParameters takes a queryString or an analysisTemplateArn, not both");
    }
    AnalysisTemplate template = templates.findInCollaboration(membership.collaborationId(), sql.analysisTemplateArn())
        .orElseThrow(() -> CleanRoomsError.validation("sqlParameters.analysisTemplateArn", "analysis template "
            + sql.analysisTemplateArn() + " does not exist in collaboration " + membership.collaborationId()));
    if (template.isJob()) {
      throw CleanRoomsError.validation("sqlParameters.analysisTemplateArn", "analysis template " + template.name()
          + " has format " + template.format() + "; protected queries run SQL templates");
    }
    return template;
  }
}
