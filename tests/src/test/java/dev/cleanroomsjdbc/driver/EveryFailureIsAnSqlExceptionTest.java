package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded fuzz test: tens of thousands of URLs, connection properties, SQL statements, CALL arguments and JDBC
 * calls (on open and closed objects, with odd arguments) through DriverManager against the local Clean Rooms. Each
 * may succeed or fail, but a failure is always an SQLException with a SQLState of the driver's catalog, and no
 * message names a secret. The seed is printed; {@code -DfuzzSeed=N} reruns one. Most inputs fail before any
 * network; what reaches the local Clean Rooms is bounded ({@link #MAX_RUNS}).
 */
@Timeout(300)
class EveryFailureIsAnSqlExceptionTest {
  static final long SEED = Long.getLong("fuzzSeed", System.nanoTime());
  private static final int URLS = 8_000;
  private static final int PROPERTY_SETS = 4_000;
  private static final int STATEMENTS = 1_000;
  private static final int CALLS = 600;
  private static final int MAX_RUNS = 15;
  private static final long SLOW_MS = Long.getLong("fuzzSlowMs", 2_000);
  private static final Set<String> STATES = Arrays.stream(SqlState.values()).map(SqlState::code)
      .collect(Collectors.toSet());
  /** Statements to mutate; no template call that plans as written (planning a template call runs it). */
  static final List<String> CORPUS = List.of(
      "SELECT segment , COUNT(*) FROM customers GROUP BY segment",
      "SELECT c.segment , SUM(i.cost) FROM customers c JOIN impressions i ON c.customer_id = i.customer_id GROUP BY c.segment",
      "SELECT segment , ROW_NUMBER() OVER ( PARTITION BY segment ORDER BY customer_id ) FROM customers",
      "SELECT * FROM customers WHERE customer_id < 10 ORDER BY customer_id LIMIT 5",
      "SELECT 'é😀' , x FROM ( VALUES ( 1 ) ) t ( x )",
      "CALL customers_by_segment ( 'x' , 'y' , 'z' )",
      "{call nope ( 100 , 'vip' ) }",
      "SELECT * FROM TABLE ( typed_rows ( 100 , 'vip' ) )",
      "SELECT job_id , status FROM cleanrooms.protected_jobs",
      "SELECT x + 1 , UPPER ( y ) FROM ( VALUES ( 1 , 'a' ) ) t ( x , y ) WHERE x IN ( 1 , 2 )",
      "SELECT CAST ( '2024-01-01' AS DATE ) , INTERVAL '1' DAY FROM ( VALUES ( 1 ) ) t ( x )",
      "SELECT TOP 3 segment FROM customers",
      "SELECT { fn UCASE ( 'a' ) } FROM ( VALUES ( 1 ) ) t ( x )");

  private static final Map<String, String> ESCAPES = new TreeMap<>();
  private static int inputs;
  private static int runs;
  private static long started;

  private static String metadataSetting;

  @BeforeAll
  static void printTheSeed() {
    // URLs without a region ask the SDK's region chain, whose last link (EC2 instance metadata) waits ~1 s here
    metadataSetting = System.setProperty("aws.disableEc2Metadata", "true");
    System.out.println("EveryFailureIsAnSqlExceptionTest seed " + SEED + " (rerun with -DfuzzSeed=" + SEED + ")");
    started = System.nanoTime();
  }

  @AfterAll
  static void printTheCount() {
    if (metadataSetting == null) {
      System.clearProperty("aws.disableEc2Metadata");
    } else {
      System.setProperty("aws.disableEc2Metadata", metadataSetting);
    }
    System.out.printf("EveryFailureIsAnSqlExceptionTest: %d inputs, %d reached the local Clean Rooms, %.1f s%n",
        inputs, runs, (System.nanoTime() - started) / 1e9);
  }

  @Test
  void urlsFailOnlyWithSqlExceptionsNamingNoSecret() {
    FuzzInputs fuzz = new FuzzInputs(SEED);
    Properties none = new Properties();
    for (int i = 0; i < URLS; i++) {
      String url = fuzz.url();
      check("getConnection(" + url + ")", () -> DriverManager.getConnection(url, none).close());
      check("getPropertyInfo(" + url + ")", () -> DriverManager.getDriver("jdbc:cleanrooms:").getPropertyInfo(url, none));
    }
    assertNoEscapes();
  }

  @Test
  void connectionPropertiesFailOnlyWithSqlExceptionsNamingNoSecret() {
    FuzzInputs fuzz = new FuzzInputs(SEED + 1);
    String url = "jdbc:cleanrooms://us-east-1/m?cleanRoomsEndpoint=http://127.0.0.1:1&s3Endpoint=http://127.0.0.1:1"
        + "&stsEndpoint=http://127.0.0.1:1&credentials=STATIC&maxRetries=0&connectTimeoutSeconds=2";
    for (int i = 0; i < PROPERTY_SETS; i++) {
      Properties p = fuzz.properties();
      check("getConnection(" + url + ", " + p.keySet() + ")", () -> DriverManager.getConnection(url, p).close());
    }
    assertNoEscapes();
  }

  @Test
  void sqlAndCallArgumentsFailOnlyWithSqlExceptions() throws SQLException {
    FuzzInputs fuzz = new FuzzInputs(SEED + 2);
    // The default reuse window: a template call that plans (which runs it, to learn its columns) runs once.
    try (Connection c = TestCollaboration.shared().connectReusing(); Statement s = c.createStatement()) {
      List<String> statements = new ArrayList<>();
      for (int depth : new int[] {50, 300, 1_000, 2_000, 3_000}) {
        statements.add(fuzz.deep(depth));
        statements.add(fuzz.deep(depth));
      }
      for (int i = 0; i < STATEMENTS; i++) {
        statements.add(fuzz.mutate(CORPUS));
      }
      for (int i = 0; i < CALLS; i++) {
        statements.add(fuzz.call());
      }
      for (String sql : statements) {
        // Planning runs nothing remote; only a bounded number of statements that plan are run as well.
        boolean planned = check("prepareStatement(" + sql + ")", () -> c.prepareStatement(sql).close());
        if (!planned || runs < MAX_RUNS) {
          runs += planned ? 1 : 0;
          check("execute(" + sql + ")", () -> {
            if (s.execute(sql)) {
              s.getResultSet().close();
            }
          });
        }
      }
    }
    assertNoEscapes();
  }

  @Test
  void jdbcCallsOnOpenAndClosedObjectsFailOnlyWithSqlExceptions() throws SQLException {
    FuzzInputs fuzz = new FuzzInputs(SEED + 3);
    for (int round = 0; round < 5; round++) {
      Connection c = TestCollaboration.shared().connect();
      JdbcCalls calls = new JdbcCalls(fuzz, c);
      for (int i = 0; i < 2_000; i++) {
        JdbcCalls.Call call = calls.next();
        check(call.description(), call::invoke);
      }
      c.close();
      for (int i = 0; i < 300; i++) {
        JdbcCalls.Call call = calls.next();
        check("after close: " + call.description(), call::invoke);
      }
    }
    assertNoEscapes();
  }

  @Test
  void aDeepExpressionIsTooComplexNotAStackOverflow() throws SQLException {
    try (Connection c = TestCollaboration.shared().connect(); Statement s = c.createStatement()) {
      String sql = "SELECT 1" + " + 1".repeat(2_000) + " FROM (VALUES (1)) t(x)";
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.executeQuery(sql));
      assertEquals("54001", e.getSQLState(), e.toString());
      assertTrue(e.getCause() instanceof StackOverflowError, String.valueOf(e.getCause()));
      PreparedStatement[] prepared = new PreparedStatement[1];
      SQLException p = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> prepared[0] = c.prepareStatement(sql));
      assertEquals("54001", p.getSQLState(), p.toString());
      try (var rs = s.executeQuery("SELECT 1 + 1 FROM (VALUES (1)) t(x)")) {
        assertTrue(rs.next(), "the connection works on after the failure");
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  /** An action that may fail. */
  interface Action {
    void run() throws Throwable;
  }

  /** Runs one input; true when it succeeded. */
  static boolean check(String input, Action action) {
    inputs++;
    long t0 = System.nanoTime();
    try {
      action.run();
      return true;
    } catch (SQLException e) {
      String problem = e.getSQLState() == null || !STATES.contains(e.getSQLState())
          ? "SQLState " + e.getSQLState() + " is not in the catalog" : leak(e);
      if (problem != null) {
        record(problem + ": " + firstLine(e), input);
      }
      return false;
    } catch (Throwable t) {
      record(t.getClass().getName() + ": " + firstLine(t), input);
      return false;
    } finally {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (ms > SLOW_MS) {
        System.out.println("slow input (" + ms + " ms): " + input.substring(0, Math.min(300, input.length())));
      }
    }
  }

  private static String leak(Throwable e) {
    if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver found for")) {
      return null; // DriverManager's own words about a URL no driver accepts (jdbc:cleanroom:...), not the driver's
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    String text = trace.toString();
    return text.contains(FuzzInputs.SECRET) || text.contains(FuzzInputs.TOKEN) ? "a secret in the exception" : null;
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    return m.lines().findFirst().orElse("").substring(0, Math.min(160, m.lines().findFirst().orElse("").length()));
  }

  private static synchronized void record(String escape, String input) {
    String key = escape.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>");
    ESCAPES.putIfAbsent(key.substring(0, Math.min(key.length(), 200)),
        input.substring(0, Math.min(300, input.length())));
  }

  private static void assertNoEscapes() {
    if (!ESCAPES.isEmpty()) {
      String all = ESCAPES.entrySet().stream().limit(40).map(e -> e.getKey() + "\n    input: " + e.getValue())
          .collect(Collectors.joining("\n"));
      int n = ESCAPES.size();
      ESCAPES.clear();
      org.junit.jupiter.api.Assertions.fail(n + " kinds of failure that are not a proper SQLException (seed " + SEED
          + "):\n" + all);
    }
  }
}
