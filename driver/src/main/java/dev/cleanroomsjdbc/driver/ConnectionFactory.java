package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.PollSchedule;
import dev.cleanroomsjdbc.execution.ServiceClients;
import dev.cleanroomsjdbc.execution.ServiceConfig;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.ResultReader;
import dev.cleanroomsjdbc.results.S3Access;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.CleanRoomsTypeSystem;
import dev.cleanroomsjdbc.schema.CollaborationSession;
import dev.cleanroomsjdbc.schema.SystemSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.calcite.jdbc.CalciteConnection;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** Opens a connection: settings to clients, clients to the membership's collaboration, that to a Calcite schema. */
final class ConnectionFactory {
  private ConnectionFactory() {}

  static Connection open(ConnectionSettings requested) throws SQLException {
    ConnectionSettings settings = requested.local() ? withLocalEndpoints(requested) : requested;
    String membership = settings.require(ConnectionProperty.MEMBERSHIP,
        "(the URL's path, e.g. jdbc:cleanrooms://us-east-1/<membership id>)");
    AwsCredentialsProvider credentials = Credentials.from(settings);
    ServiceConfig config = new ServiceConfig(
        settings.get(ConnectionProperty.REGION).orElseThrow(),
        settings.getUri(ConnectionProperty.CLEAN_ROOMS_ENDPOINT).orElse(null),
        settings.getUri(ConnectionProperty.S3_ENDPOINT).orElse(null),
        credentials,
        settings.getInt(ConnectionProperty.MAX_RETRIES),
        new PollSchedule(Duration.ofMillis(settings.getInt(ConnectionProperty.POLL_INITIAL_INTERVAL_MS)),
            Duration.ofMillis(Math.max(settings.getInt(ConnectionProperty.POLL_MAX_INTERVAL_MS),
                settings.getInt(ConnectionProperty.POLL_INITIAL_INTERVAL_MS))),
            Math.max(1.0, settings.getDouble(ConnectionProperty.POLL_MULTIPLIER))));
    CleanRoomsClient client = ServiceClients.cleanRooms(config);
    ResultReader results = null;
    CalciteConnection calcite = null;
    try {
      results = new ResultReader(new S3Access(config.s3Endpoint(), config.region(), credentials,
          config.s3Endpoint() != null));
      CollaborationSession session = CollaborationSession.open(client, membership, config.pollSchedule(), results);
      String schemaName = settings.get(ConnectionProperty.SCHEMA)
          .orElseGet(() -> schemaNameOf(session.membership().collaborationName()));
      calcite = calcite();
      CollaborationSchema collaboration = new CollaborationSchema(schemaName, session);
      calcite.getRootSchema().add(schemaName, collaboration);
      calcite.getRootSchema().add(SystemSchema.NAME, new SystemSchema(collaboration));
      calcite.setSchema(schemaName);
      return new DriverConnection(calcite, collaboration, settings).open();
    } catch (SQLException | RuntimeException e) {
      closeQuietly(calcite, results, client, e);
      throw e;
    }
  }

  /** Calcite with identifiers as users of Spark SQL and BI tools expect: case-insensitive, kept as written. */
  private static CalciteConnection calcite() throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("typeSystem", CleanRoomsTypeSystem.class.getName() + "#INSTANCE");
    Connection c = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", p);
    return c.unwrap(CalciteConnection.class);
  }

  static String schemaNameOf(String collaborationName) {
    String s = collaborationName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return s.isEmpty() ? "collaboration" : s;
  }

  private static ConnectionSettings withLocalEndpoints(ConnectionSettings settings) throws SQLException {
    EmbeddedCleanRooms local = ServiceLoader.load(EmbeddedCleanRooms.class, ConnectionFactory.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> SqlState.CONNECTION_FAILURE.exception("jdbc:cleanrooms:local needs the local Clean Rooms"
            + " on the class path: add the Maven dependency dev.cleanroomsjdbc:cleanrooms-local (e.g. in test scope),"
            + " or run its program (java -jar cleanrooms-local-<version>-all.jar) and connect with the"
            + " jdbc:cleanrooms:// URL it prints"));
    EmbeddedCleanRooms.Endpoints e;
    try {
      e = local.start();
    } catch (RuntimeException ex) {
      throw SqlState.CONNECTION_FAILURE.exception("The local Clean Rooms did not start: " + ex.getMessage(), ex);
    }
    Map<ConnectionProperty, String> defaults = new EnumMap<>(ConnectionProperty.class);
    defaults.put(ConnectionProperty.CLEAN_ROOMS_ENDPOINT, e.cleanRoomsEndpoint().toString());
    defaults.put(ConnectionProperty.S3_ENDPOINT, e.s3Endpoint().toString());
    defaults.put(ConnectionProperty.REGION, e.region());
    defaults.put(ConnectionProperty.CREDENTIALS, "STATIC");
    defaults.put(ConnectionProperty.ACCESS_KEY_ID, e.accessKeyId());
    defaults.put(ConnectionProperty.SECRET_ACCESS_KEY, e.secretAccessKey());
    defaults.put(ConnectionProperty.MEMBERSHIP, e.membershipId());
    defaults.put(ConnectionProperty.POLL_INITIAL_INTERVAL_MS, "20");
    defaults.put(ConnectionProperty.POLL_MAX_INTERVAL_MS, "500");
    return settings.withDefaults(defaults);
  }

  private static void closeQuietly(CalciteConnection calcite, ResultReader results, CleanRoomsClient client,
      Exception failure) {
    try {
      if (calcite != null) {
        calcite.close();
      }
      if (results != null) {
        results.close();
      }
      client.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
