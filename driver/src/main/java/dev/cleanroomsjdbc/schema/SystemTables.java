package dev.cleanroomsjdbc.schema;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;
import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.DOUBLE;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatistics;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryStatistics;

/**
 * The tables of the {@code cleanrooms} system schema: the membership's jobs and queries (with what each cost and
 * who pays for it), the caller's memberships, the collaboration's members, tables, analysis rules and templates.
 */
final class SystemTables {
  private SystemTables() {}

  static Map<String, Table> of(CollaborationSchema collaboration) {
    CollaborationSession session = collaboration.session();
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("protected_jobs", new SystemTable(List.of(
        new SystemTable.Column("job_id", VARCHAR), new SystemTable.Column("status", VARCHAR),
        new SystemTable.Column("create_time", TIMESTAMP), new SystemTable.Column("membership_id", VARCHAR),
        new SystemTable.Column("template_arn", VARCHAR), new SystemTable.Column("total_duration_ms", BIGINT),
        new SystemTable.Column("billed_units", DOUBLE), new SystemTable.Column("result_location", VARCHAR),
        new SystemTable.Column("error_code", VARCHAR), new SystemTable.Column("error_message", VARCHAR),
        new SystemTable.Column("payer_account_id", VARCHAR)),
        () -> {
          String payer = Payers.of(session).jobCompute();
          return call("ListProtectedJobs", () -> session.client()
              .listProtectedJobsPaginator(b -> b.membershipIdentifier(session.membershipId())).protectedJobs()
              .stream().map(j -> jobRow(session, j.id(), payer)).toList());
        }));
    tables.put("protected_queries", new SystemTable(List.of(
        new SystemTable.Column("query_id", VARCHAR), new SystemTable.Column("status", VARCHAR),
        new SystemTable.Column("create_time", TIMESTAMP), new SystemTable.Column("membership_id", VARCHAR),
        new SystemTable.Column("template_arn", VARCHAR), new SystemTable.Column("query_string", VARCHAR),
        new SystemTable.Column("total_duration_ms", BIGINT), new SystemTable.Column("billed_units", DOUBLE),
        new SystemTable.Column("result_location", VARCHAR), new SystemTable.Column("error_code", VARCHAR),
        new SystemTable.Column("error_message", VARCHAR), new SystemTable.Column("payer_account_id", VARCHAR)),
        () -> {
          String payer = Payers.of(session).queryCompute();
          return call("ListProtectedQueries", () -> session.client()
              .listProtectedQueriesPaginator(b -> b.membershipIdentifier(session.membershipId())).protectedQueries()
              .stream().map(q -> queryRow(session, q.id(), payer)).toList());
        }));
    tables.put("memberships", new SystemTable(List.of(
        new SystemTable.Column("membership_id", VARCHAR), new SystemTable.Column("collaboration_id", VARCHAR),
        new SystemTable.Column("collaboration_name", VARCHAR), new SystemTable.Column("status", VARCHAR),
        new SystemTable.Column("member_abilities", VARCHAR), new SystemTable.Column("create_time", TIMESTAMP)),
        () -> call("ListMemberships", () -> session.client().listMembershipsPaginator(b -> { })
            .membershipSummaries().stream().map(m -> new Object[] {m.id(), m.collaborationId(),
                m.collaborationName(), m.statusAsString(), String.join(",", m.memberAbilitiesAsStrings()),
                millis(m.createTime())})
            .toList())));
    tables.put("analysis_rules", new SystemTable(List.of(
        new SystemTable.Column("table_name", VARCHAR), new SystemTable.Column("rule_type", VARCHAR),
        new SystemTable.Column("policy", VARCHAR), new SystemTable.Column("consolidated_policy", VARCHAR)),
        () -> collaboration.analysisRules().stream().map(r -> new Object[] {r.name(), r.typeAsString(),
            r.policy() == null ? null : r.policy().toString(),
            r.consolidatedPolicy() == null ? null : r.consolidatedPolicy().toString()}).toList()));
    tables.put("members", new SystemTable(List.of(
        new SystemTable.Column("account_id", VARCHAR), new SystemTable.Column("display_name", VARCHAR),
        new SystemTable.Column("status", VARCHAR), new SystemTable.Column("abilities", VARCHAR),
        new SystemTable.Column("membership_id", VARCHAR), new SystemTable.Column("create_time", TIMESTAMP)),
        () -> call("ListMembers", () -> session.client()
            .listMembersPaginator(b -> b.collaborationIdentifier(session.collaborationId())).memberSummaries()
            .stream().map(m -> new Object[] {m.accountId(), m.displayName(), m.statusAsString(),
                String.join(",", m.abilitiesAsStrings()), m.membershipId(), millis(m.createTime())})
            .toList())));
    tables.put("analysis_templates", new SystemTable(List.of(
        new SystemTable.Column("name", VARCHAR), new SystemTable.Column("format", VARCHAR),
        new SystemTable.Column("description", VARCHAR), new SystemTable.Column("creator_account_id", VARCHAR),
        new SystemTable.Column("arn", VARCHAR), new SystemTable.Column("create_time", TIMESTAMP)),
        () -> collaboration.templates().stream().map(TemplateFunction::template).map(SystemTables::templateRow)
            .toList()));
    tables.put("collaboration_tables", new SystemTable(List.of(
        new SystemTable.Column("name", VARCHAR), new SystemTable.Column("analysis_method", VARCHAR),
        new SystemTable.Column("analysis_rule_types", VARCHAR), new SystemTable.Column("creator_account_id", VARCHAR),
        new SystemTable.Column("description", VARCHAR)),
        () -> collaboration.collaborationTables().stream().map(CleanRoomsTable::schema).map(s -> new Object[] {s.name(),
            s.analysisMethodAsString(), String.join(",", s.analysisRuleTypesAsStrings()), s.creatorAccountId(),
            s.description()}).toList()));
    return tables;
  }

  /** One GetProtectedJob per job: the list call has no statistics, results or errors. */
  private static Object[] jobRow(CollaborationSession session, String jobId, String payer) {
    ProtectedJob j = session.client().getProtectedJob(b -> b.membershipIdentifier(session.membershipId())
        .protectedJobIdentifier(jobId)).protectedJob();
    ProtectedJobStatistics stats = j.statistics();
    return new Object[] {j.id(), j.statusAsString(), millis(j.createTime()), j.membershipId(),
        j.jobParameters() == null ? null : j.jobParameters().analysisTemplateArn(),
        stats == null ? null : stats.totalDurationInMillis(),
        stats == null || stats.billedResourceUtilization() == null ? null : stats.billedResourceUtilization().units(),
        j.result() != null && j.result().output() != null && j.result().output().s3() != null
            ? j.result().output().s3().location() : null,
        j.error() == null ? null : j.error().code(), j.error() == null ? null : j.error().message(), payer};
  }

  /** One GetProtectedQuery per query, for the same reason. */
  private static Object[] queryRow(CollaborationSession session, String queryId, String payer) {
    ProtectedQuery q = session.client().getProtectedQuery(b -> b.membershipIdentifier(session.membershipId())
        .protectedQueryIdentifier(queryId)).protectedQuery();
    ProtectedQueryStatistics stats = q.statistics();
    return new Object[] {q.id(), q.statusAsString(), millis(q.createTime()), q.membershipId(),
        q.sqlParameters() == null ? null : q.sqlParameters().analysisTemplateArn(),
        q.sqlParameters() == null ? null : q.sqlParameters().queryString(),
        stats == null ? null : stats.totalDurationInMillis(),
        stats == null || stats.billedResourceUtilization() == null ? null : stats.billedResourceUtilization().units(),
        q.result() != null && q.result().output() != null && q.result().output().s3() != null
            ? q.result().output().s3().location() : null,
        q.error() == null ? null : q.error().code(), q.error() == null ? null : q.error().message(), payer};
  }

  private static Object[] templateRow(CollaborationAnalysisTemplate t) {
    return new Object[] {t.name(), t.formatAsString(), t.description(), t.creatorAccountId(), t.arn(),
        millis(t.createTime())};
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
