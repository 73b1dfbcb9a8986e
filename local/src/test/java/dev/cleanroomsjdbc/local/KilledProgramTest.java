package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJob;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobType;

/**
 * The runnable program, started as a child process on a data directory given as a relative path with a space in
 * it (the documented {@code --data-dir ./local-data} form), killed with SIGKILL at random moments while requests
 * arrive: after each restart every request that was answered 2xx is there, and no protected job is left in
 * progress (one the kill interrupted is FAILED, as docs/local-clean-rooms.md says).
 */
class KilledProgramTest {
  private static final int CYCLES = 8;
  private static final Set<String> ENDED = Set.of("SUCCESS", "FAILED", "CANCELLED");

  @TempDir
  Path workDir;

  /** What was answered 2xx: collaboration id to its membership id (or "" before the membership's answer). */
  private final Map<String, String> accepted = new ConcurrentHashMap<>();
  private final List<String> acceptedJobs = new ArrayList<>();

  @Test
  @Timeout(240)
  void killDashNineAtRandomMomentsLosesNoAcceptedRequestAndLeavesNoJobInProgress() throws Exception {
    long seed = Long.getLong("killSeed", System.nanoTime());
    System.out.println("KilledProgramTest seed " + seed + " (rerun with -DkillSeed=" + seed + ")");
    Random random = new Random(seed);
    int answeredTotal = 0;
    for (int cycle = 0; cycle <= CYCLES; cycle++) {
      Child child = Child.start(workDir, "./local data/../local data");
      try (CleanRoomsClient advertiser = DemoCollaboration.client(child.endpoint,
          DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET)) {
        checkEverythingAcceptedIsThere(advertiser, child.membershipId, cycle);
        if (cycle == CYCLES) {
          break;
        }
        // Jobs in every other cycle only: Spark's first start in a process costs seconds of CPU.
        if (cycle % 2 == 0) {
          startJob(advertiser, child);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = new Thread(() -> sendUntilKilled(advertiser, stop), "requests-" + cycle);
        sender.start();
        Thread.sleep(150 + random.nextInt(1500));
        child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        sender.join(30_000);
      } finally {
        child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      answeredTotal = accepted.size();
    }
    System.out.println("KilledProgramTest: " + CYCLES + " kill -9 cycles, " + answeredTotal
        + " collaborations and " + acceptedJobs.size() + " jobs accepted, all found after the restarts");
    assertTrue(answeredTotal > CYCLES, "too few requests were answered to tell anything: " + answeredTotal);
  }

  private void checkEverythingAcceptedIsThere(CleanRoomsClient advertiser, String membershipId, int cycle) {
    accepted.forEach((collaborationId, membership) -> {
      assertEquals(collaborationId, advertiser.getCollaboration(b -> b.collaborationIdentifier(collaborationId))
          .collaboration().id(), "collaboration lost before restart " + cycle);
      if (!membership.isEmpty()) {
        assertEquals(collaborationId, advertiser.getMembership(b -> b.membershipIdentifier(membership))
            .membership().collaborationId(), "membership lost before restart " + cycle);
      }
    });
    for (String jobId : acceptedJobs) {
      ProtectedJob job = advertiser.getProtectedJob(b -> b.membershipIdentifier(membershipId)
          .protectedJobIdentifier(jobId)).protectedJob();
      assertTrue(ENDED.contains(job.statusAsString()), "job " + jobId + " is " + job.statusAsString()
          + " after restart " + cycle);
    }
  }

  private void startJob(CleanRoomsClient advertiser, Child child) {
    ProtectedJob job = advertiser.startProtectedJob(b -> b.membershipIdentifier(child.membershipId)
        .type(ProtectedJobType.PYSPARK).jobParameters(p -> p.analysisTemplateArn(child.campaignReach)))
        .protectedJob();
    acceptedJobs.add(job.id());
  }

  /** Creates collaborations and their memberships until the process dies; records every 2xx. */
  private void sendUntilKilled(CleanRoomsClient advertiser, AtomicBoolean stop) {
    while (!stop.get()) {
      try {
        String id = advertiser.createCollaboration(b -> b.name("c" + accepted.size()).description("kill test")
            .creatorDisplayName("advertiser").creatorMemberAbilities(MemberAbility.CAN_QUERY).members(List.of())
            .queryLogStatus(CollaborationQueryLogStatus.DISABLED)).collaboration().id();
        accepted.put(id, "");
        String membership = advertiser.createMembership(b -> b.collaborationIdentifier(id)
            .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
        accepted.put(id, membership);
      } catch (RuntimeException e) {
        return; // the process is gone (or going): what was not answered is not counted
      }
    }
  }

  /** One run of the program, with what it printed at start. */
  private record Child(Process process, URI endpoint, String membershipId, String campaignReach) {
    static Child start(Path workDir, String dataDir) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
      // a quick start matters more here than peak speed
      command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          LocalCleanRoomsMain.class.getName(), "--data-dir", dataDir));
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      URI endpoint = null;
      String membership = null;
      StringBuilder seen = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) {
        seen.append(line).append('\n');
        if (line.startsWith("Local Clean Rooms endpoint:")) {
          endpoint = URI.create(value(line));
        } else if (line.startsWith("Advertiser (")) {
          membership = line.substring(line.indexOf("membership ") + "membership ".length()).trim();
        } else if (line.startsWith("Press Ctrl+C")) {
          Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
          drain.setDaemon(true);
          drain.start();
          String id = membership;
          try (CleanRoomsClient c = DemoCollaboration.client(endpoint, DemoCollaboration.ADVERTISER_ACCESS_KEY,
              DemoCollaboration.ADVERTISER_SECRET)) {
            String template = c.listAnalysisTemplates(b -> b.membershipIdentifier(id)).analysisTemplateSummaries()
                .stream().filter(t -> t.name().equals("campaign_reach")).findFirst().orElseThrow().arn();
            return new Child(process, endpoint, membership, template);
          }
        }
      }
      process.destroyForcibly();
      fail("the program did not start:\n" + seen);
      return null;
    }

    private static String value(String line) {
      return line.substring(line.indexOf(':') + 1).trim();
    }
  }
}
