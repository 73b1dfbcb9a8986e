package dev.cleanroomsjdbc.schema;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.PollSchedule;
import dev.cleanroomsjdbc.execution.ProtectedJobRunner;
import dev.cleanroomsjdbc.execution.ProtectedQueryRunner;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.plan.CleanRoomsSqlDialect;
import dev.cleanroomsjdbc.results.NamedResult;
import dev.cleanroomsjdbc.results.ResultReader;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;

/**
 * What one connection holds open for its collaboration: the Clean Rooms client, the membership, the job
 * runner and the result reader. It lives exactly as long as the connection and closes what it holds.
 */
public final class CollaborationSession implements AutoCloseable {
  private final CleanRoomsClient client;
  private final Membership membership;
  private final ProtectedJobRunner jobs;
  private final ProtectedQueryRunner queries;
  private final ResultReader results;
  private final MetadataCache.Key metadataKey;
  private final Duration metadataTtl;
  private volatile MetadataCache.Entry metadata;

  private CollaborationSession(CleanRoomsClient client, Membership membership, PollSchedule poll,
      ResultReader results, Duration reuseWindow, MetadataCache.Key metadataKey, Duration metadataTtl,
      MetadataCache.Entry metadata) {
    this.client = client;
    this.membership = membership;
    this.metadataKey = metadataKey;
    this.metadataTtl = metadataTtl;
    this.metadata = metadata;
    this.jobs = new ProtectedJobRunner(client, poll, reuseWindow);
    this.queries = new ProtectedQueryRunner(client, poll, reuseWindow);
    this.results = results;
  }

  /**
   * Opens the membership: one GetMembership call, so that bad credentials or ids fail at connect time, unless
   * a connection of this JVM with the same identity read it within the metadata's time-to-live.
   *
   * @param reuseWindow how long after a template's run ended an identical call reads its result again
   * @param metadataKey who reads which membership's metadata (see {@link MetadataCache})
   * @param connectTimeout the longest the call may take, retries, TLS handshakes and credential look-ups included
   */
  public static CollaborationSession open(CleanRoomsClient client, String membershipId, PollSchedule poll,
      ResultReader results, Duration reuseWindow, MetadataCache.Key metadataKey, Duration metadataTtl,
      Duration connectTimeout) throws SQLException {
    MetadataCache.Entry metadata = MetadataCache.entry(metadataKey, metadataTtl);
    Membership membership = metadata.membership(() -> call("GetMembership", () -> client.getMembership(b -> b
        .membershipIdentifier(membershipId).overrideConfiguration(o -> o.apiCallTimeout(connectTimeout))))
        .membership());
    return new CollaborationSession(client, membership, poll, results, reuseWindow, metadataKey, metadataTtl,
        metadata);
  }

  /** The metadata this connection reads its tables and templates from: shared, until it expires or is refreshed. */
  MetadataCache.Entry metadata() {
    MetadataCache.Entry current = metadata;
    MetadataCache.Entry now = MetadataCache.refresh(current, metadataKey, metadataTtl);
    if (now != current) {
      metadata = now;
    }
    return now;
  }

  public CleanRoomsClient client() {
    return client;
  }

  public Membership membership() {
    return membership;
  }

  public String membershipId() {
    return membership.id();
  }

  public String collaborationId() {
    return membership.collaborationId();
  }

  public ResultReader results() {
    return results;
  }

  /**
   * The SQL of the collaboration's analytics engine (GetCollaboration, when a query first needs it; kept with the
   * rest of the shared metadata): pushed-down queries are written in it.
   */
  public CleanRoomsSqlDialect dialect() throws SQLException {
    return metadata().dialect.get(() -> CleanRoomsSqlDialect.of(call("GetCollaboration", () -> client
        .getCollaboration(b -> b.collaborationIdentifier(collaborationId()))).collaboration()
        .analyticsEngineAsString()));
  }

  /** Runs a PySpark template as a protected job in the calling thread's execution (or reuses a recent run). */
  public CompletedJob runJob(String templateArn, String templateName) throws SQLException {
    return jobs.run(membershipId(), templateArn, templateName, Execution.current());
  }

  /**
   * Runs a SQL template as a protected query whose results go to the membership's default result location (or
   * reuses a recent run with the same parameters).
   */
  public CompletedJob runQueryTemplate(String templateArn, String templateName, Map<String, String> parameters)
      throws SQLException {
    requireDefaultResultConfiguration();
    return queries.runTemplate(membershipId(), templateArn, templateName, parameters, Execution.current());
  }

  /** Runs SQL as a protected query (pushed down by the planner); results go where template queries' go. */
  public CompletedJob runQuery(String sql) throws SQLException {
    requireDefaultResultConfiguration();
    return queries.runSql(membershipId(), sql, Execution.current());
  }

  private void requireDefaultResultConfiguration() throws SQLException {
    if (membership.defaultResultConfiguration() == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception("Membership " + membershipId() + " has no default result"
          + " configuration, and the driver reads protected query results from there: set one with"
          + " UpdateMembership (defaultResultConfiguration with an S3 output)");
    }
  }

  /** Finds a past job of this membership by id, for reading its results again without re-running it. */
  public CompletedJob pastJob(String jobId) throws SQLException {
    ProtectedJob job = call("GetProtectedJob", () -> client.getProtectedJob(b -> b
        .membershipIdentifier(membershipId()).protectedJobIdentifier(jobId))).protectedJob();
    if (job.result() == null || job.result().output() == null || job.result().output().s3() == null) {
      throw SqlState.UNDEFINED_OBJECT.exception("Protected job " + jobId + " has no results in S3 (status "
          + job.statusAsString() + ")");
    }
    return new CompletedJob(jobId, URI.create(job.result().output().s3().location()));
  }

  /** The named results of a completed job, in name order. */
  public List<NamedResult> resultsOf(CompletedJob job) throws SQLException {
    return results.list(job.resultLocation());
  }

  @Override
  public void close() {
    try (client; results) {
      // both closed, client last
    }
  }
}
