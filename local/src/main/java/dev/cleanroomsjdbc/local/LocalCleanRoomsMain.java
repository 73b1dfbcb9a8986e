package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.spark.PythonCheck;
import dev.cleanroomsjdbc.local.faults.FaultFlags;
import dev.cleanroomsjdbc.local.fixture.FixtureException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone local Clean Rooms: {@code --port N --s3-port N --data-dir DIR --rows-per-part N --no-demo
 * --fixture FILE} (repeatable; docs/fixtures.md) {@code --spark-master URL --python PATH}
 * (docs/local-job-runtime.md); prints
 * its endpoints, the demo's dummy credentials and a ready JDBC URL, then serves until interrupted. The fault mode's
 * flags ({@code --throttle-rate R}, ...) are those of {@link dev.cleanroomsjdbc.local.faults.FaultFlags}.
 */
public final class LocalCleanRoomsMain {
  private LocalCleanRoomsMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalCleanRooms.Builder builder = LocalCleanRooms.builder().seedDemo(true);
    FaultFlags faults = new FaultFlags();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
        case "--s3-port" -> builder.s3Port(Integer.parseInt(value(args, ++i)));
        case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i)));
        case "--rows-per-part" -> builder.rowsPerPart(Integer.parseInt(value(args, ++i)));
        case "--no-demo" -> builder.seedDemo(false);
        case "--fixture" -> builder.fixture(Path.of(value(args, ++i)));
        case "--spark-master" -> builder.sparkMaster(value(args, ++i));
        case "--python" -> builder.python(value(args, ++i));
        case "--help", "-h" -> {
          usage();
          return;
        }
        default -> {
          if (FaultFlags.NAMES.contains(args[i])) {
            String flag = args[i];
            faults.set(flag, value(args, ++i));
            continue;
          }
          System.err.println("unknown option " + args[i]);
          usage();
          System.exit(2);
        }
      }
    }
    LocalCleanRooms local;
    try {
      local = builder.faults(faults.faults()).start();
    } catch (FixtureException e) {
      // The message names the file and the entry; a stack trace would only bury it.
      System.err.println("cannot apply the fixture: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      local.close();
      stopped.countDown();
    }, "local-cleanrooms-shutdown"));
    System.out.println("Local Clean Rooms endpoint: " + local.endpoint());
    System.out.println("Local S3 endpoint:          " + local.s3().endpoint());
    System.out.println("Spark (on first job):       Spark 3.5 on " + local.spark().master());
    System.out.println("Python for .py jobs:        " + PythonCheck.of(local.spark().python()).describe());
    if (!local.faults().isNone()) {
      System.out.println("Fault mode:                 " + local.faults());
    }
    local.demo().ifPresentOrElse(demo -> {
      System.out.println("Demo collaboration:         " + demo.collaborationId());
      System.out.println("Advertiser (" + DemoCollaboration.ADVERTISER_ACCOUNT + "): accessKeyId "
          + DemoCollaboration.ADVERTISER_ACCESS_KEY + ", secretAccessKey " + DemoCollaboration.ADVERTISER_SECRET
          + " (local dummy credentials), membership " + demo.advertiserMembershipId());
      System.out.println("Publisher  (" + DemoCollaboration.PUBLISHER_ACCOUNT + "): accessKeyId "
          + DemoCollaboration.PUBLISHER_ACCESS_KEY + ", secretAccessKey " + DemoCollaboration.PUBLISHER_SECRET
          + " (local dummy credentials), membership " + demo.publisherMembershipId());
      System.out.println("JDBC URL (pass secretAccessKey=" + DemoCollaboration.ADVERTISER_SECRET
          + " as a connection property):");
      System.out.println("  jdbc:cleanrooms://" + DemoCollaboration.REGION + "/" + demo.advertiserMembershipId()
          + "?cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint()
          + "&credentials=STATIC&accessKeyId=" + DemoCollaboration.ADVERTISER_ACCESS_KEY);
    }, () -> System.out.println("No demo seeded (--no-demo)."));
    local.fixtures().forEach(ids -> ids.collaborations().forEach((name, id) ->
        System.out.println("Fixture collaboration:      " + name + " " + id)));
    System.out.println("Press Ctrl+C to stop.");
    stopped.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage() {
    System.out.println("usage: LocalCleanRoomsMain [--port N] [--s3-port N] [--data-dir DIR] [--rows-per-part N]"
        + " [--no-demo] [--fixture FILE ...] [--spark-master local[N]|spark://HOST:PORT] [--python PATH] "
        + FaultFlags.USAGE);
  }
}
