package dev.cleanroomsjdbc.execution;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuerySummary;
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
    var reused = recent.queryIfKnown(membershipId, templateArn, parameters);
    if (reused.isPresent()) {
      return recent.reuse(reused.get(), templateName, execution);
    }
    return runner.run(new QueryWork(client, membershipId, templateArn, parameters, null), execution);
  }

  /** Runs SQL text as a protected query. */
  public CompletedJob runSql(String membershipId, String sql, Execution execution) throws SQLException {
    return runner.run(new QueryWork(client, membershipId, null, Map.of(), sql), execution);
  }

  /** Cancels a query of this membership by id (CALL cleanrooms.cancel_job); its state once the service confirmed. */
  public static String cancel(CleanRoomsClient client, String membershipId, String queryId) {
    RemoteWork.State end = Cancellation.cancelUntilEnded(new QueryWork(client, membershipId, null, Map.of(), null),
        queryId, RemoteRunner.CANCEL_GRACE);
    return end == null ? "CANCELLING" : end.status();
  }

  /** Protected queries seen as {@link RemoteWork}: a template with parameters, or SQL text. */
  private record QueryWork(CleanRoomsClient client, String membershipId, String templateArn,
      Map<String, String> parameters, String sql) implements RemoteWork {

    @Override
    public String kind() {
      return "Protected query";
    }

    @Override
    public boolean isJob() {
      return false;
    }

    @Override
    public State start() {
      return state(client.startProtectedQuery(b -> b
          .membershipIdentifier(membershipId)
          .type(ProtectedQueryType.SQL)
          .sqlParameters(p -> {
            if (sql != null) {
              p.queryString(sql);
            } else {
              p.analysisTemplateArn(templateArn).parameters(parameters);
            }
          })
          .overrideConfiguration(ServiceClients::singleAttempt)).protectedQuery());
    }

    @Override
    public State get(String id) {
      return state(client.getProtectedQuery(b -> b
          .membershipIdentifier(membershipId).protectedQueryIdentifier(id)).protectedQuery());
    }

    @Override
    public State cancel(String id) {
      return state(client.updateProtectedQuery(b -> b.membershipIdentifier(membershipId).protectedQueryIdentifier(id)
          .targetStatus(TargetProtectedQueryStatus.CANCELLED)).protectedQuery());
    }

    @Override
    public List<State> sameRunsSince(Instant since) {
      List<State> same = new ArrayList<>();
      for (ProtectedQuerySummary s : client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(membershipId))
          .protectedQueries()) {
        if (s.createTime() == null || s.createTime().isBefore(since)) {
          break; // newest first: everything after is older
        }
        ProtectedQuery q = client.getProtectedQuery(b -> b.membershipIdentifier(membershipId)
            .protectedQueryIdentifier(s.id())).protectedQuery();
        var p = q.sqlParameters();
        boolean matches = p != null && (sql != null ? sql.equals(p.queryString())
            : templateArn.equals(p.analysisTemplateArn()) && Objects.equals(parameters, p.parameters()));
        if (matches) {
          same.add(0, state(q));
        }
      }
      return same;
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
        location, code, query.error() == null ? null : query.error().message(), query.createTime(),
        ended ? statistics : null);
  }
}
