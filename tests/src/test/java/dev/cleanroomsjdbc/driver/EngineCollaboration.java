package dev.cleanroomsjdbc.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuerySummary;

/**
 * One of the two collaborations of {@code engines-fixture.yaml}, the same tables under each analytics engine, as
 * the brand (who queries) reaches it: through DriverManager, and through the SDK client to see what the service
 * received.
 */
enum EngineCollaboration {
  SPARK("engines_spark", '`'),
  CLEAN_ROOMS_SQL("engines_sql", '"');

  static final String FIXTURE = "engines-fixture.yaml";
  static final String BRAND_ACCOUNT = "555555555555";
  private static final String BRAND_KEY = "AKIALOCALBRAND000001";
  private static final String BRAND_SECRET = "brand-secret";

  /** The collaboration's name, which is also its schema's in SQL. */
  final String schema;
  /** How the engine's SQL quotes identifiers. */
  final char identifierQuote;

  EngineCollaboration(String schema, char identifierQuote) {
    this.schema = schema;
    this.identifierQuote = identifierQuote;
  }

  /** The other engine's quote, which the SQL written for this one never has. */
  char otherQuote() {
    return this == SPARK ? '"' : '`';
  }

  String membershipId() {
    return TestCollaboration.shared().fixture(FIXTURE).membership(schema, "brand");
  }

  String url() {
    return "jdbc:cleanrooms://us-east-1/" + membershipId() + "?" + TestCollaboration.shared().endpoints()
        + "&credentials=STATIC&accessKeyId=" + BRAND_KEY + "&pollInitialIntervalMs=20&pollMaxIntervalMs=200"
        + "&reuseWindowSeconds=0";
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", BRAND_SECRET);
    return DriverManager.getConnection(url(), p);
  }

  CleanRoomsClient client() {
    return TestCollaboration.shared().client(BRAND_KEY, BRAND_SECRET);
  }

  /** How many protected queries the brand has run in this collaboration. */
  int queryCount() {
    try (CleanRoomsClient client = client()) {
      return (int) client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(membershipId()))
          .protectedQueries().stream().count();
    }
  }

  /** The newest protected query of the brand in this collaboration, as the service keeps it. */
  ProtectedQuery lastQuery() {
    try (CleanRoomsClient client = client()) {
      ProtectedQuerySummary newest = client.listProtectedQueries(b -> b.membershipIdentifier(membershipId()))
          .protectedQueries().get(0);
      return client.getProtectedQuery(b -> b.membershipIdentifier(membershipId())
          .protectedQueryIdentifier(newest.id())).protectedQuery();
    }
  }
}
