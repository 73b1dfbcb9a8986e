package dev.cleanroomsjdbc.execution;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedQueryStatus;

/**
 * Runs SQL as protected queries (StartProtectedQuery, GetProtectedQuery, UpdateProtectedQuery); results go to the
 * membership's default result configuration in S3.
 */
public final class ProtectedQueryRunner {
  private final CleanRoomsClient client;
  private final RemoteRunner runner;
  private final RecentRuns recent;

  /** @param reuseWindow how long after a run of the same template ended its result is read again (0: never) */
  public ProtectedQueryRunner(CleanRoomsClient client, PollSchedule schedule, Duration reuseWindow) {
    this.client = client;
    this.runner = new RemoteRunner(schedule);
    this.recent = new RecentRuns(client, reuseWindow);
  }

  /**
   * Runs a SQL analysis template with its parameter values (as text, the service's representation), or finds a run
   * with the same values that ended within the reuse window.
   */
  public CompletedJob runTemplate(String membershipId, String templateArn, String templateName,
      Map<String, String> parameters, Execution execution) throws SQLException {
    execution.throwIfStopped("Protected query");
    var reused = recent.query(membershipId, templateArn, parameters);
    if (reused.isPresent()) {
      return recent.reuse(reused.get(), templateName, execution);
    }
    return runner.run(new QueryWork(membershipId, templateArn, parameters, null), execution);
  }

  /** Runs SQL text as a protected query. */
  public CompletedJob runSql(String membershipId, String sql, Execution execution) throws SQLException {
    return runner.run(new QueryWork(membershipId, null, Map.of(), sql), execution);
  }

  /** Protected queries seen as {@link RemoteWork}: a template with parameters, or SQL text. */
  private final class QueryWork implements RemoteWork {
    private final String membershipId;
    private final String templateArn;
    private final Map<String, String> parameters;
    private final String sql;

    QueryWork(String membershipId, String templateArn, Map<String, String> parameters, String sql) {
      this.membershipId = membershipId;
      this.templateArn = templateArn;
      this.parameters = parameters;
      this.sql = sql;
    }

    @Override
    public String kind() {
      return "Protected query";
    }

    @Override
    public State start() throws SQLException {
      return state(call("StartProtectedQuery", () -> client.startProtectedQuery(b -> b
          .membershipIdentifier(membershipId)
          .type(ProtectedQueryType.SQL)
          .sqlParameters(p -> {
            if (sql != null) {
              p.queryString(sql);
            } else {
              p.analysisTemplateArn(templateArn).parameters(parameters);
            }
          }))).protectedQuery());
    }

    @Override
    public State get(String id) throws SQLException {
      return state(call("GetProtectedQuery", () -> client.getProtectedQuery(b -> b
          .membershipIdentifier(membershipId).protectedQueryIdentifier(id))).protectedQuery());
    }

    @Override
    public void cancel(String id) {
      client.updateProtectedQuery(b -> b.membershipIdentifier(membershipId).protectedQueryIdentifier(id)
          .targetStatus(TargetProtectedQueryStatus.CANCELLED));
    }
  }

  private static RemoteWork.State state(ProtectedQuery query) {
    ProtectedQueryStatus status = query.status();
    boolean ended = status == ProtectedQueryStatus.SUCCESS || status == ProtectedQueryStatus.FAILED
        || status == ProtectedQueryStatus.CANCELLED || status == ProtectedQueryStatus.TIMED_OUT;
    URI location = query.result() != null && query.result().output() != null && query.result().output().s3() != null
        ? URI.create(query.result().output().s3().location()) : null;
    String code = query.error() != null ? query.error().code()
        : status == ProtectedQueryStatus.TIMED_OUT ? "TIMED_OUT" : null;
    RunStatistics statistics = query.statistics() == null ? null : RunStatistics.of(
        query.statistics().totalDurationInMillis(), query.statistics().billedResourceUtilization() == null ? null
            : query.statistics().billedResourceUtilization().units());
    return new RemoteWork.State(query.id(), query.statusAsString(), ended, status == ProtectedQueryStatus.SUCCESS,
        location, code, query.error() == null ? null : query.error().message(), ended ? statistics : null);
  }
}
