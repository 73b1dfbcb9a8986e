package dev.cleanroomsjdbc.execution;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobSummary;
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
    var reused = recent.jobIfKnown(membershipId, templateArn);
    if (reused.isPresent()) {
      return recent.reuse(reused.get(), templateName, execution);
    }
    return runner.run(new JobWork(client, membershipId, templateArn), execution);
  }

  /** Cancels a job of this membership by id (CALL cleanrooms.cancel_job); its state once the service confirmed. */
  public static String cancel(CleanRoomsClient client, String membershipId, String jobId) {
    RemoteWork.State end = Cancellation.cancelUntilEnded(new JobWork(client, membershipId, null), jobId,
        RemoteRunner.CANCEL_GRACE);
    return end == null ? "CANCELLING" : end.status();
  }

  /** A protected job of one template seen as {@link RemoteWork}. */
  private record JobWork(CleanRoomsClient client, String membershipId, String templateArn) implements RemoteWork {
    @Override
    public String kind() {
      return "Protected job";
    }

    @Override
    public boolean isJob() {
      return true;
    }

    @Override
    public State start() {
      return state(client.startProtectedJob(b -> b
          .membershipIdentifier(membershipId)
          .type(ProtectedJobType.PYSPARK)
          .jobParameters(p -> p.analysisTemplateArn(templateArn))
          .overrideConfiguration(ServiceClients::singleAttempt)).protectedJob());
    }

    @Override
    public State get(String id) {
      return state(client.getProtectedJob(b -> b.membershipIdentifier(membershipId).protectedJobIdentifier(id))
          .protectedJob());
    }

    @Override
    public State cancel(String id) {
      return state(client.updateProtectedJob(b -> b.membershipIdentifier(membershipId).protectedJobIdentifier(id)
          .targetStatus(TargetProtectedJobStatus.CANCELLED)).protectedJob());
    }

    @Override
    public List<State> sameRunsSince(Instant since) {
      List<State> same = new ArrayList<>();
      for (ProtectedJobSummary s : client.listProtectedJobsPaginator(b -> b.membershipIdentifier(membershipId))
          .protectedJobs()) {
        if (s.createTime() == null || s.createTime().isBefore(since)) {
          break; // newest first: everything after is older
        }
        ProtectedJob job = client.getProtectedJob(b -> b.membershipIdentifier(membershipId)
            .protectedJobIdentifier(s.id())).protectedJob();
        if (job.jobParameters() != null && templateArn.equals(job.jobParameters().analysisTemplateArn())) {
          same.add(0, state(job));
        }
      }
      return same;
    }
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
        job.createTime(), ended ? statistics : null);
  }
}
