package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The secret key and the session token appear nowhere a host can look, with every log level turned all the way up:
 * not in a log record (the self-contained jar's bundled SDK and HTTP client included: their wire and header
 * loggers print Authorization and X-Amz-Security-Token), not in an exception of a failing path (bad URLs with
 * secrets inside, refused credentials, an unreachable endpoint), not in toString, getURL or metadata.
 */
class SecretsNowhereTest {
  private static final String SECRET = DemoCollaboration.ADVERTISER_SECRET;
  private static final String TOKEN = "SessionTokenMarker7f3a9c2e5b1d";
  /** A signed request's secret-bearing headers, whatever the values. */
  private static final Pattern SIGNED_HEADER = Pattern.compile(
      "(?i)(x-amz-security-token\\s*[:=]\\s*(?!\\*\\*\\*)\\S)|(<(SecretAccessKey|SessionToken)>(?!\\*\\*\\*))"
          + "|(authorization\\s*[:=]\\s*AWS4)");
  private static final boolean SHADED = shaded();

  @Test
  @Timeout(180)
  void noSecretInAnyRecordExceptionOrTextAtTheMostVerboseLogging() throws Exception {
    TestCollaboration collaboration = TestCollaboration.shared();
    List<String> texts = new ArrayList<>();
    List<VerboseLogging.Entry> records;
    try (VerboseLogging logging = new VerboseLogging()) {
      // the normal paths with the advertiser's secret key: it signs every request (Authorization) and never travels
      try (Connection c = collaboration.connect(); Statement s = c.createStatement()) {
        texts.add(c.toString());
        texts.add(s.toString());
        DatabaseMetaData meta = c.getMetaData();
        texts.add(meta.getURL());
        texts.add(meta.getUserName());
        texts.add(String.valueOf(c.getClientInfo()));
        try (ResultSet rs = s.executeQuery("SELECT segment, COUNT(*) FROM customers GROUP BY segment")) {
          texts.add(rs.toString());
          while (rs.next()) {
            texts.add(rs.getString(1));
          }
        }
        try (ResultSet rs = s.executeQuery("CALL demo.typed_rows()")) {
          while (rs.next()) {
            texts.add(rs.getString(1));
          }
        }
        texts.add(failure(() -> s.executeQuery("SELECT nope FROM customers")));
      }
      // session tokens: a static one, and a role's from the local STS (its answer holds the session's keys). Clean
      // Rooms takes them with every request; the local S3 takes none, so the SELECT fails there, after the query ran
      String endpoint = collaboration.url().replaceAll(".*cleanRoomsEndpoint=([^&]+).*", "$1");
      String roleUrl = collaboration.url().replace(DemoCollaboration.ADVERTISER_ACCESS_KEY,
          DemoCollaboration.PUBLISHER_ACCESS_KEY) + "&roleArn=arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT
          + ":role/Analyst&externalId=partner-42&stsEndpoint=" + endpoint;
      Properties publisher = new Properties();
      publisher.setProperty("secretAccessKey", DemoCollaboration.PUBLISHER_SECRET);
      Properties token = new Properties();
      token.setProperty("secretAccessKey", SECRET);
      token.setProperty("sessionToken", TOKEN);
      for (Properties p : List.of(publisher, token)) {
        try (Connection c = DriverManager.getConnection(p == token ? collaboration.url() : roleUrl, p);
            Statement s = c.createStatement()) {
          texts.add(c.toString());
          texts.add(c.getMetaData().getURL());
          texts.add(failure(() -> s.executeQuery("SELECT segment, COUNT(*) FROM customers GROUP BY segment")));
        }
      }
      String base = "jdbc:cleanrooms://us-east-1/m?credentials=STATIC&accessKeyId=AKIAX&maxRetries=0"
          + "&cleanRoomsEndpoint=";
      for (String url : List.of(
          base + "http://127.0.0.1:1&secretAccessKey=" + SECRET + "&sessionToken=" + TOKEN,
          base + "http://127.0.0.1:1&secret%41ccessKey=" + SECRET + "&bogus=1",
          base + "http://127.0.0.1:1&secretAccessKey=" + SECRET + "%zz",
          base + "http://127.0.0.1:1&sessionToken=" + TOKEN + "&&x&secretAccessKey=" + SECRET + "&=",
          base + "http://127.0.0.1:1&password=" + SECRET.substring(0, 10) + "&" + SECRET.substring(10),
          base + "http://127.0.0.1:1?secretAccessKey=" + SECRET,
          "jdbc:cleanrooms:local?sessionToken=" + TOKEN + "&pollMultiplier=NaN&secretAccessKey=" + SECRET,
          collaboration.url() + "&sessionToken=" + TOKEN)) {
        Properties wrongKey = new Properties();
        wrongKey.setProperty("password", SECRET + "-but-wrong");
        texts.add(failure(() -> DriverManager.getConnection(url, new Properties()).close()));
        texts.add(failure(() -> DriverManager.getConnection(url.replace("&secretAccessKey=" + SECRET, ""), wrongKey)
            .close()));
      }
      records = logging.entries();
    }
    texts.forEach(t -> assertNoSecret("a text the driver gave", t));
    int checked = 0;
    for (VerboseLogging.Entry r : records) {
      if (ofTheDriver(r.logger())) {
        checked++;
        assertNoSecret("a record of " + r.logger(), r.text());
        assertTrue(!r.text().contains(DemoCollaboration.PUBLISHER_SECRET), () -> "a secret in " + r.text());
      }
    }
    System.out.printf("SecretsNowhereTest (%s): %d texts and %d of %d log records checked%n",
        SHADED ? "self-contained jar" : "driver classes", texts.size(), checked, records.size());
    assertTrue(records.stream().anyMatch(r -> r.logger().contains("software.amazon.awssdk") && ofTheDriver(r.logger())
        || !SHADED && r.logger().startsWith("dev.cleanroomsjdbc.")), "the most verbose logging was on");
    if (SHADED) {
      assertEquals(List.of(), records.stream().map(VerboseLogging.Entry::logger)
          .filter(l -> l.startsWith("dev.cleanroomsjdbc.shaded.org.apache.http.wire")
              || l.startsWith("dev.cleanroomsjdbc.shaded.org.apache.http.headers")).distinct().toList(),
          "HttpClient's wire and header loggers stay off inside the jar");
    }
  }

  /**
   * Inside the self-contained jar, everything under {@code dev.cleanroomsjdbc} but the local Clean Rooms (a separate
   * program that shares this test's JVM): the driver and its relocated libraries. Used as a plain Maven dependency,
   * the SDK and HttpClient are the application's own libraries, logged as the application says (docs/packaging.md):
   * then the driver's own records.
   */
  private static boolean ofTheDriver(String logger) {
    return logger.startsWith("dev.cleanroomsjdbc") && !logger.startsWith("dev.cleanroomsjdbc.local");
  }

  /** Whether the driver runs from the self-contained jar (failsafe's driver-jar run) rather than its classes. */
  private static boolean shaded() {
    try {
      Class.forName("dev.cleanroomsjdbc.shaded.org.slf4j.LoggerFactory", false, CleanRoomsDriver.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void assertNoSecret(String where, String text) {
    if (text == null) {
      return;
    }
    assertTrue(!text.contains(SECRET) && !text.contains(TOKEN) && !SIGNED_HEADER.matcher(text).find(),
        () -> "a secret in " + where + ": " + text.substring(0, Math.min(text.length(), 2000)));
  }

  private interface Failing {
    void run() throws SQLException;
  }

  /** The failure's whole story: message, SQLState, causes, suppressed and their stack traces. */
  private static String failure(Failing action) {
    try {
      action.run();
      return "";
    } catch (SQLException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return e.getSQLState() + " " + trace;
    }
  }
}
