package dev.cleanroomsjdbc.schema;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.ProtectedJobRunner;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.NamedResult;
import dev.cleanroomsjdbc.results.ResultReader;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
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
  private final ResultReader results;

  private CollaborationSession(CleanRoomsClient client, Membership membership, ProtectedJobRunner jobs,
      ResultReader results) {
    this.client = client;
    this.membership = membership;
    this.jobs = jobs;
    this.results = results;
  }

  /** Opens the membership (one GetMembership call, so bad credentials or ids fail at connect time). */
  public static CollaborationSession open(CleanRoomsClient client, String membershipId, ProtectedJobRunner jobs,
      ResultReader results) throws SQLException {
    Membership membership = call("GetMembership",
        () -> client.getMembership(b -> b.membershipIdentifier(membershipId))).membership();
    return new CollaborationSession(client, membership, jobs, results);
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

  /** Runs a PySpark template as a protected job in the calling thread's execution. */
  public CompletedJob runJob(String templateArn) throws SQLException {
    return jobs.run(membershipId(), templateArn, Execution.current());
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
