package dev.cleanroomsjdbc.execution;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;
import software.amazon.awssdk.services.cleanrooms.model.TargetProtectedJobStatus;

/** Runs PySpark analysis templates as protected jobs (StartProtectedJob, GetProtectedJob, UpdateProtectedJob). */
public final class ProtectedJobRunner {
  private final CleanRoomsClient client;
  private final RemoteRunner runner;
  private final RecentRuns recent;

  /** @param reuseWindow how long after a run of the same template ended its result is read again (0: never) */
  public ProtectedJobRunner(CleanRoomsClient client, PollSchedule schedule, Duration reuseWindow) {
    this.client = client;
    this.runner = new RemoteRunner(schedule);
    this.recent = new RecentRuns(client, reuseWindow);
  }

  /**
   * Runs the template's job to its end, or finds one that ended within the reuse window; returns where its results
   * are, or throws why it did not succeed.
   */
  public CompletedJob run(String membershipId, String templateArn, String templateName, Execution execution)
      throws SQLException {
    execution.throwIfStopped("Protected job");
    var reused = recent.job(membershipId, templateArn);
    if (reused.isPresent()) {
      return recent.reuse(reused.get(), templateName, execution);
    }
    return runner.run(new RemoteWork() {
      @Override
      public String kind() {
        return "Protected job";
      }

      @Override
      public State start() throws SQLException {
        return state(call("StartProtectedJob", () -> client.startProtectedJob(b -> b
            .membershipIdentifier(membershipId)
            .type(ProtectedJobType.PYSPARK)
            .jobParameters(p -> p.analysisTemplateArn(templateArn)))).protectedJob());
      }

      @Override
      public State get(String id) throws SQLException {
        return state(call("GetProtectedJob", () -> client.getProtectedJob(b -> b
            .membershipIdentifier(membershipId).protectedJobIdentifier(id))).protectedJob());
      }

      @Override
      public void cancel(String id) {
        client.updateProtectedJob(b -> b.membershipIdentifier(membershipId).protectedJobIdentifier(id)
            .targetStatus(TargetProtectedJobStatus.CANCELLED));
      }
    }, execution);
  }

  private static RemoteWork.State state(ProtectedJob job) {
    ProtectedJobStatus status = job.status();
    boolean ended = status == ProtectedJobStatus.SUCCESS || status == ProtectedJobStatus.FAILED
        || status == ProtectedJobStatus.CANCELLED;
    URI location = job.result() != null && job.result().output() != null && job.result().output().s3() != null
        ? URI.create(job.result().output().s3().location()) : null;
    RunStatistics statistics = job.statistics() == null ? null : RunStatistics.of(
        job.statistics().totalDurationInMillis(), job.statistics().billedResourceUtilization() == null ? null
            : job.statistics().billedResourceUtilization().units());
    return new RemoteWork.State(job.id(), job.statusAsString(), ended, status == ProtectedJobStatus.SUCCESS,
        location, job.error() == null ? null : job.error().code(), job.error() == null ? null : job.error().message(),
        ended ? statistics : null);
  }
}
