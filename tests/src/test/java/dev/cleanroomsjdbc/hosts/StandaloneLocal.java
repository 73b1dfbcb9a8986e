package dev.cleanroomsjdbc.hosts;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;

/**
 * A local Clean Rooms with the demo, started once per test JVM on ports of its own, as a developer runs it next to
 * a tool: hosts reach it through the {@code jdbc:cleanrooms://} URL its program prints and the demo's secret.
 */
final class StandaloneLocal {
  private static StandaloneLocal shared;

  private final LocalCleanRooms local;

  private StandaloneLocal(LocalCleanRooms local) {
    this.local = local;
  }

  static synchronized StandaloneLocal shared() {
    if (shared == null) {
      LocalCleanRooms local = LocalCleanRooms.builder().seedDemo(true).start();
      Runtime.getRuntime().addShutdownHook(new Thread(local::close, "standalone-local-stop"));
      shared = new StandaloneLocal(local);
      shared.addSqlTemplate();
    }
    return shared;
  }

  /** The URL the local program prints: region, membership and both endpoints; the secret goes as a property. */
  String url() {
    return "jdbc:cleanrooms://" + DemoCollaboration.REGION + "/" + local.demo().orElseThrow().advertiserMembershipId()
        + "?cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint()
        + "&credentials=STATIC&accessKeyId=" + DemoCollaboration.ADVERTISER_ACCESS_KEY;
  }

  String secret() {
    return DemoCollaboration.ADVERTISER_SECRET;
  }

  /** A SQL template with a required and an optional parameter, which clients call with bound arguments. */
  private void addSqlTemplate() {
    try (CleanRoomsClient advertiser = advertiserClient()) {
      advertiser.createAnalysisTemplate(b -> b.membershipIdentifier(membershipId()).name("customers_by_segment")
          .description("customers per segment above a lifetime value").format(AnalysisFormat.SQL)
          .schema(s -> s.referencedTables("customers"))
          .analysisParameters(AnalysisParameter.builder().name("min_value").type(ParameterType.INTEGER)
                  .defaultValue("0").build(),
              AnalysisParameter.builder().name("skip_segment").type(ParameterType.VARCHAR).build())
          .source(s -> s.text("SELECT segment, COUNT(*) AS customers FROM customers WHERE lifetime_value"
              + " >= :min_value AND segment <> :skip_segment GROUP BY segment")));
    }
  }

  java.net.URI endpoint() {
    return local.endpoint();
  }

  java.net.URI s3Endpoint() {
    return local.s3().endpoint();
  }

  String membershipId() {
    return local.demo().orElseThrow().advertiserMembershipId();
  }

  CleanRoomsClient advertiserClient() {
    return DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
  }
}
