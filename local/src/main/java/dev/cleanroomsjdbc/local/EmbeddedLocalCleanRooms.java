package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.driver.EmbeddedCleanRooms;

/**
 * The driver's {@code jdbc:cleanrooms:local} backend: one in-memory local Clean Rooms with the demo per JVM,
 * started on first use and stopped by a shutdown hook; callers act as the demo advertiser.
 */
public final class EmbeddedLocalCleanRooms implements EmbeddedCleanRooms {
  private static final Object LOCK = new Object();
  private static volatile Endpoints shared;

  @Override
  public Endpoints start() {
    Endpoints endpoints = shared;
    if (endpoints != null) {
      return endpoints;
    }
    synchronized (LOCK) {
      if (shared == null) {
        LocalCleanRooms local = LocalCleanRooms.builder().seedDemo(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "local-cleanrooms-shutdown"));
        DemoCollaboration.Demo demo = local.demo().orElseThrow();
        shared = new Endpoints(local.endpoint(), local.s3().endpoint(), DemoCollaboration.REGION,
            DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.ADVERTISER_SECRET,
            demo.advertiserMembershipId());
      }
      return shared;
    }
  }
}
