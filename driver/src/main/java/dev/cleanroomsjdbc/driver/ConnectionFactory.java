package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.PollSchedule;
import dev.cleanroomsjdbc.execution.ServiceClients;
import dev.cleanroomsjdbc.execution.ServiceConfig;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.execution.UserAgent;
import dev.cleanroomsjdbc.metadata.DriverInfo;
import dev.cleanroomsjdbc.results.ResultReader;
import dev.cleanroomsjdbc.results.S3Access;
import dev.cleanroomsjdbc.schema.CollaborationSchema;
import dev.cleanroomsjdbc.schema.CleanRoomsTypeSystem;
import dev.cleanroomsjdbc.schema.CollaborationSession;
import dev.cleanroomsjdbc.schema.MetadataCache;
import dev.cleanroomsjdbc.schema.SqlFunctions;
import dev.cleanroomsjdbc.schema.SystemSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.jdbc.CalciteConnection;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import org.apache.calcite.jdbc.CalciteJdbc41Factory;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** Opens a connection: settings to clients, clients to the membership's collaboration, that to a Calcite schema. */
final class ConnectionFactory {
  private ConnectionFactory() {}

  static Connection open(ConnectionSettings requested) throws SQLException {
    ConnectionSettings local = requested.local() ? withLocalEndpoints(requested) : requested;
    String membership = local.require(ConnectionProperty.MEMBERSHIP,
        "(the URL's path, e.g. jdbc:cleanrooms://us-east-1/<membership id>)");
    ConnectionSettings settings = Regions.resolve(local);
    String region = settings.get(ConnectionProperty.REGION).orElseThrow();
    Credentials credentials = Credentials.open(settings, region);
    AtomicReference<String> applicationName = new AtomicReference<>();
    ServiceConfig config = new ServiceConfig(
        region,
        settings.getUri(ConnectionProperty.CLEAN_ROOMS_ENDPOINT).orElse(null),
        settings.getUri(ConnectionProperty.S3_ENDPOINT).orElse(null),
        credentials.provider(),
        settings.getInt(ConnectionProperty.MAX_RETRIES),
        new PollSchedule(Duration.ofMillis(settings.getInt(ConnectionProperty.POLL_INITIAL_INTERVAL_MS)),
            Duration.ofMillis(Math.max(settings.getInt(ConnectionProperty.POLL_MAX_INTERVAL_MS),
                settings.getInt(ConnectionProperty.POLL_INITIAL_INTERVAL_MS))),
            Math.max(1.0, settings.getDouble(ConnectionProperty.POLL_MULTIPLIER))),
        new UserAgent(DriverInfo.VERSION, applicationName::get));
    CleanRoomsClient client = null;
    ResultReader results = null;
    CalciteConnection calcite = null;
    // Calcite's first start in a JVM takes about as long as the SDK's: on another core, at the same time
    CompletableFuture<CalciteConnection> calciteStart = startCalcite();
    try {
      client = ServiceClients.cleanRooms(config);
      results = new ResultReader(new S3Access(config.s3Endpoint(), config.region(), credentials.provider(),
          config.s3Endpoint() != null,
          Duration.ofSeconds(Math.max(1, settings.getInt(ConnectionProperty.S3_READ_TIMEOUT_SECONDS)))));
      CollaborationSession session = openMembership(client, membership, config, results, settings, credentials);
      String schemaName = settings.get(ConnectionProperty.SCHEMA)
          .orElseGet(() -> schemaNameOf(session.membership().collaborationName()));
      calcite = joinCalcite(calciteStart);
      CollaborationSchema collaboration = new CollaborationSchema(schemaName, session);
      calcite.getRootSchema().add(schemaName, collaboration);
      calcite.getRootSchema().add(SystemSchema.NAME, new SystemSchema(collaboration));
      calcite.setSchema(schemaName);
      return new DriverConnection(calcite, collaboration, settings, credentials, applicationName).open();
    } catch (SQLException | RuntimeException e) {
      if (calcite == null) {
        calciteStart.thenAccept(ConnectionFactory::closeUnused);
      }
      closeQuietly(calcite, results, client, credentials, e);
      throw e instanceof SQLException sql ? sql : SqlState.CONNECTION_FAILURE.exception(
          "The connection could not be opened: " + e, e);
    }
  }

  /** GetMembership, where credentials the service refuses come back as 28000 saying what to check. */
  private static CollaborationSession openMembership(CleanRoomsClient client, String membership,
      ServiceConfig config, ResultReader results, ConnectionSettings settings, Credentials credentials)
      throws SQLException {
    MetadataCache.Key key = new MetadataCache.Key(String.valueOf(config.cleanRoomsEndpoint()), config.region(),
        membership, identity(credentials));
    try {
      return CollaborationSession.open(client, membership, config.pollSchedule(), results,
          Duration.ofSeconds(settings.getInt(ConnectionProperty.REUSE_WINDOW_SECONDS)), key,
          Duration.ofSeconds(settings.getInt(ConnectionProperty.METADATA_CACHE_TTL_SECONDS)),
          Duration.ofSeconds(settings.getInt(ConnectionProperty.CONNECT_TIMEOUT_SECONDS)));
    } catch (SQLException e) {
      if (hasCause(e, ApiCallTimeoutException.class)) {
        throw SqlState.CONNECTION_FAILURE.exception("Clean Rooms did not answer GetMembership within "
            + ConnectionProperty.CONNECT_TIMEOUT_SECONDS.key() + "=" + settings.getInt(
                ConnectionProperty.CONNECT_TIMEOUT_SECONDS) + " s at " + settings.get(
                ConnectionProperty.CLEAN_ROOMS_ENDPOINT).orElse("the region's endpoint") + ": check the endpoint"
            + " (http or https, host and port) and the network, or raise " + ConnectionProperty.CONNECT_TIMEOUT_SECONDS
            .key(), e);
      }
      if (SqlState.INVALID_AUTHORIZATION.code().equals(e.getSQLState())) {
        throw SqlState.INVALID_AUTHORIZATION.exception("Clean Rooms refused the credentials (credentials="
            + settings.getChoice(ConnectionProperty.CREDENTIALS) + settings.get(ConnectionProperty.ROLE_ARN)
                .map(r -> ", roleArn=" + r).orElse("") + ") for membership " + membership + ": "
            + Credentials.firstSentence(e.getMessage()) + ". Check that they are current and may call"
            + " cleanrooms:GetMembership on it", e);
      }
      throw e;
    }
  }

  /**
   * Who the connection calls as, for sharing metadata: the access key id its credentials resolve to (the SDK
   * resolves them for the first call anyway) and a digest of its secret, so that a wrong secret for a known key
   * never borrows what the right one read; null, sharing nothing, when they cannot be resolved here, so that
   * GetMembership reports the problem as it would without sharing.
   */
  private static String identity(Credentials credentials) {
    try {
      var c = credentials.provider().resolveCredentials();
      String token = c instanceof AwsSessionCredentials s ? s.sessionToken() : "";
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
          (c.secretAccessKey() + "\n" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return c.accessKeyId() + "/" + java.util.HexFormat.of().formatHex(digest);
    } catch (RuntimeException | java.security.NoSuchAlgorithmException e) {
      return null;
    }
  }

  private static void closeUnused(CalciteConnection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // a connection nobody used: nothing of it to report
    }
  }

  private static CompletableFuture<CalciteConnection> startCalcite() {
    CompletableFuture<CalciteConnection> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(calcite());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    }, "cleanrooms-calcite-start");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static CalciteConnection joinCalcite(CompletableFuture<CalciteConnection> start) throws SQLException {
    try {
      return start.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** Calcite with identifiers as users of Spark SQL and BI tools expect: case-insensitive, kept as written. */
  private static CalciteConnection calcite() throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("typeSystem", CleanRoomsTypeSystem.class.getName() + "#INSTANCE");
    // Calcite's Driver.connect with a type factory of ours (Unicode strings): the one place Calcite takes one
    CalciteJdbc41Factory factory = new CalciteJdbc41Factory();
    Connection c = factory.newConnection(new org.apache.calcite.jdbc.Driver(),
        ThreadSafeCalcite.statementsOneAtATime(factory), "jdbc:calcite:", p, null, CleanRoomsTypeSystem.typeFactory());
    CalciteConnection calcite = c.unwrap(CalciteConnection.class);
    // here rather than once the membership is known: Calcite's first look at functions takes 0.2 s in a new JVM
    SqlFunctions.addTo(calcite.getRootSchema());
    return calcite;
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
      Credentials credentials, Exception failure) {
    try (credentials) {
      if (calcite != null) {
        calcite.close();
      }
      if (results != null) {
        results.close();
      }
      if (client != null) {
        client.close();
      }
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
