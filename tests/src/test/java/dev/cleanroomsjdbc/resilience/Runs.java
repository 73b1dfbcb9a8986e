package dev.cleanroomsjdbc.resilience;

import dev.cleanroomsjdbc.driver.TestCollaboration;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobStatus;

/** What the service says about the membership's jobs and queries, through the SDK client as a user would ask. */
final class Runs {
  private final TestCollaboration collaboration;

  Runs(TestCollaboration collaboration) {
    this.collaboration = collaboration;
  }

  /** The status of a job once it has ended, waiting up to {@code wait} for that. */
  String jobEnd(String jobId, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      while (true) {
        ProtectedJobStatus status = client.getProtectedJob(b -> b.membershipIdentifier(collaboration.membershipId())
            .protectedJobIdentifier(jobId)).protectedJob().status();
        boolean ended = status == ProtectedJobStatus.SUCCESS || status == ProtectedJobStatus.FAILED
            || status == ProtectedJobStatus.CANCELLED;
        if (ended || System.nanoTime() > deadline) {
          return status.toString();
        }
        Thread.sleep(50);
      }
    }
  }

  /** The status of a query once it has ended, waiting up to {@code wait} for that. */
  String queryEnd(String queryId, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      while (true) {
        String status = client.getProtectedQuery(b -> b.membershipIdentifier(collaboration.membershipId())
            .protectedQueryIdentifier(queryId)).protectedQuery().statusAsString();
        if (Stream.of("SUCCESS", "FAILED", "CANCELLED", "TIMED_OUT").anyMatch(status::equals)
            || System.nanoTime() > deadline) {
          return status;
        }
        Thread.sleep(50);
      }
    }
  }

  /** Ids of the membership's jobs, newest first. */
  List<String> jobIds() {
    return collaboration.jobs().stream().map(j -> j.id()).toList();
  }

  /** Ids of the membership's queries, newest first. */
  List<String> queryIds() {
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      return client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(collaboration.membershipId()))
          .protectedQueries().stream().map(q -> q.id()).toList();
    }
  }

  /** Ids of jobs and queries still SUBMITTED, STARTED or CANCELLING. */
  List<String> stillRunning() {
    try (CleanRoomsClient client = collaboration.advertiserClient()) {
      Stream<String> jobs = client.listProtectedJobsPaginator(b -> b.membershipIdentifier(collaboration.membershipId()))
          .protectedJobs().stream().filter(j -> active(j.statusAsString())).map(j -> j.id());
      Stream<String> queries = client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(
          collaboration.membershipId())).protectedQueries().stream().filter(q -> active(q.statusAsString()))
          .map(q -> q.id());
      return Stream.concat(jobs, queries).toList();
    }
  }

  private static boolean active(String status) {
    return status.equals("SUBMITTED") || status.equals("STARTED") || status.equals("CANCELLING");
  }
}
