package dev.cleanroomsjdbc.execution;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobSummary;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuerySummary;

/**
 * Finds a run of the same analysis template, with the same arguments, that this membership finished successfully
 * within the reuse window, so that one client action never pays for the same job twice: Spark's JDBC source and
 * Tableau learn a query's columns with a schema probe, then read it, often on another connection or in another
 * JVM. The service is asked (the runs are the membership's), not a cache, so every connection and process sees the
 * same runs; a run counts from when it ended.
 */
final class RecentRuns {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecentRuns.class);
  /** How many of the membership's most recent successful runs are looked at (one GetProtected* call each). */
  private static final int CANDIDATES = 10;

  private final CleanRoomsClient client;
  private final Duration window;

  RecentRuns(CleanRoomsClient client, Duration window) {
    this.client = client;
    this.window = window;
  }

  /**
   * {@link #job}, or empty if the service could not be asked: a reuse is a saving, never a reason to fail the call
   * (the run it would have saved then simply runs).
   */
  Optional<Reused> jobIfKnown(String membershipId, String templateArn) {
    try {
      return job(membershipId, templateArn);
    } catch (SQLException e) {
      LOG.debug("Could not look for a reusable run of {}: {}", templateArn, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@link #query}, or empty if the service could not be asked (see {@link #jobIfKnown}). */
  Optional<Reused> queryIfKnown(String membershipId, String templateArn, Map<String, String> parameters) {
    try {
      return query(membershipId, templateArn, parameters);
    } catch (SQLException e) {
      LOG.debug("Could not look for a reusable run of {}: {}", templateArn, e.getMessage());
      return Optional.empty();
    }
  }

  /** A job of {@code templateArn} that ended SUCCESS within the window, newest first. */
  Optional<Reused> job(String membershipId, String templateArn) throws SQLException {
    if (window.isZero()) {
      return Optional.empty();
    }
    List<ProtectedJobSummary> recent = call("ListProtectedJobs", () -> client.listProtectedJobs(b -> b
        .membershipIdentifier(membershipId).status(ProtectedJobStatus.SUCCESS).maxResults(100))).protectedJobs()
        .stream().filter(j -> j.status() == ProtectedJobStatus.SUCCESS && couldHaveEndedRecently(j.createTime()))
        .sorted(Comparator.comparing(ProtectedJobSummary::createTime).reversed()).limit(CANDIDATES).toList();
    for (ProtectedJobSummary summary : recent) {
      ProtectedJob job = call("GetProtectedJob", () -> client.getProtectedJob(b -> b
          .membershipIdentifier(membershipId).protectedJobIdentifier(summary.id()))).protectedJob();
      Long duration = job.statistics() == null ? null : job.statistics().totalDurationInMillis();
      if (job.jobParameters() != null && templateArn.equals(job.jobParameters().analysisTemplateArn())
          && endedRecently(job.createTime(), duration) && location(job.result() == null ? null
              : job.result().output() == null ? null : job.result().output().s3() == null ? null
              : job.result().output().s3().location()) != null) {
        return Optional.of(new Reused("Protected job", job.id(), URI.create(job.result().output().s3().location()),
            ended(job.createTime(), duration)));
      }
    }
    return Optional.empty();
  }

  /** A protected query of {@code templateArn} with exactly these parameters that ended SUCCESS within the window. */
  Optional<Reused> query(String membershipId, String templateArn, Map<String, String> parameters)
      throws SQLException {
    if (window.isZero()) {
      return Optional.empty();
    }
    List<ProtectedQuerySummary> recent = call("ListProtectedQueries", () -> client.listProtectedQueries(b -> b
        .membershipIdentifier(membershipId).status(ProtectedQueryStatus.SUCCESS).maxResults(100)))
        .protectedQueries().stream()
        .filter(q -> q.status() == ProtectedQueryStatus.SUCCESS && couldHaveEndedRecently(q.createTime()))
        .sorted(Comparator.comparing(ProtectedQuerySummary::createTime).reversed()).limit(CANDIDATES).toList();
    for (ProtectedQuerySummary summary : recent) {
      ProtectedQuery q = call("GetProtectedQuery", () -> client.getProtectedQuery(b -> b
          .membershipIdentifier(membershipId).protectedQueryIdentifier(summary.id()))).protectedQuery();
      Long duration = q.statistics() == null ? null : q.statistics().totalDurationInMillis();
      String location = q.result() == null || q.result().output() == null || q.result().output().s3() == null
          ? null : q.result().output().s3().location();
      if (q.sqlParameters() != null && templateArn.equals(q.sqlParameters().analysisTemplateArn())
          && Objects.equals(parameters, q.sqlParameters().parameters()) && endedRecently(q.createTime(), duration)
          && location(location) != null) {
        return Optional.of(new Reused("Protected query", q.id(), URI.create(location), ended(q.createTime(), duration)));
      }
    }
    return Optional.empty();
  }

  /** Whether a run created then may have ended within the window: runs take at most a day. */
  private boolean couldHaveEndedRecently(Instant created) {
    return created != null && created.isAfter(Instant.now().minus(window).minus(Duration.ofDays(1)));
  }

  /** Whether a run created then that took {@code durationMillis} (unknown: it counts from creation) ended in time. */
  private boolean endedRecently(Instant created, Long durationMillis) {
    return created != null && ended(created, durationMillis).isAfter(Instant.now().minus(window));
  }

  private static Instant ended(Instant created, Long durationMillis) {
    return durationMillis == null ? created : created.plusMillis(durationMillis);
  }

  private static String location(String s3Location) {
    return s3Location == null || s3Location.isEmpty() ? null : s3Location;
  }

  /**
   * Adopts a reused run into {@code execution} as if it had just run there, with a warning saying so; returns it.
   */
  CompletedJob reuse(Reused run, String templateName, Execution execution) {
    CompletedJob job = new CompletedJob(run.id(), run.resultLocation());
    execution.completed(job);
    long ago = Math.max(0, Duration.between(run.ended(), Instant.now()).toSeconds());
    execution.warn(SqlState.WARNING.warning(run.kind() + " " + run.id() + " of analysis template " + templateName
        + " ran with the same arguments and ended " + ago + " s ago, within reuseWindowSeconds=" + window.toSeconds()
        + ": its result was read again instead of running the template again (reuseWindowSeconds=0 runs every"
        + " call)"));
    return job;
  }

  /** An earlier run whose result is read again, and when it ended. */
  record Reused(String kind, String id, URI resultLocation, Instant ended) {}
}
