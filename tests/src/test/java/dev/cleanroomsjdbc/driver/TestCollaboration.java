package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.LocalCleanRooms;
import dev.cleanroomsjdbc.local.fixture.FixtureFile;
import dev.cleanroomsjdbc.local.fixture.FixtureIds;
import dev.cleanroomsjdbc.local.fixture.FixtureLoader;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedJobSummary;

/**
 * A local Clean Rooms started the way a developer starts one standalone (own ports, own URL), with the demo
 * collaboration plus test templates whose entry points are JVM classes from {@code dev.cleanroomsjdbc.testjobs}.
 * The tests act on it only through JDBC and the AWS SDK client, as they would on AWS.
 */
public final class TestCollaboration {
  /** Small parts, so that a few thousand rows already span several result files. */
  static final int ROWS_PER_PART = 1000;

  private static final Map<String, TestCollaboration> STARTED = new ConcurrentHashMap<>();

  private final LocalCleanRooms local;
  private final DemoCollaboration.Demo demo;

  private TestCollaboration(LocalCleanRooms local) {
    this.local = local;
    this.demo = local.demo().orElseThrow();
    try (CleanRoomsClient advertiser = advertiserClient()) {
      jvmTemplate(advertiser, "typed_rows", "dev.cleanroomsjdbc.testjobs.TypedRows");
      jvmTemplate(advertiser, "two_results", "dev.cleanroomsjdbc.testjobs.TwoResults");
      jvmTemplate(advertiser, "failing", "dev.cleanroomsjdbc.testjobs.Failing");
      jvmTemplate(advertiser, "slow", "dev.cleanroomsjdbc.testjobs.Slow");
      restrictedTable(advertiser);
      jvmTemplate(advertiser, "restricted_job", "dev.cleanroomsjdbc.testjobs.TypedRows", "restricted");
      sqlTemplate(advertiser, "customers_by_segment",
          "SELECT segment, COUNT(*) AS customers FROM customers WHERE lifetime_value >= :min_value"
              + " AND segment <> :skip_segment GROUP BY segment",
          AnalysisParameter.builder().name("min_value").type(ParameterType.INTEGER).defaultValue("0").build(),
          AnalysisParameter.builder().name("skip_segment").type(ParameterType.VARCHAR).build());
    }
  }

  private final Map<String, FixtureIds> applied = new ConcurrentHashMap<>();

  /** Applies a fixture of the test class path to this local Clean Rooms, once per run; returns what it created. */
  FixtureIds fixture(String resource) {
    return applied.computeIfAbsent(resource, r -> FixtureLoader.apply(local,
        FixtureFile.read(java.util.Objects.requireNonNull(TestCollaboration.class.getResource(r), r))));
  }

  /** The endpoints part of a URL for any membership of this local Clean Rooms. */
  String endpoints() {
    return "cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint();
  }

  /** An SDK client of this local Clean Rooms signing as the account with these keys. */
  CleanRoomsClient client(String accessKeyId, String secretAccessKey) {
    return DemoCollaboration.client(local.endpoint(), accessKeyId, secretAccessKey);
  }

  /** One local Clean Rooms with in-process S3 for the whole test run (no need to start it twice). */
  public static TestCollaboration shared() {
    return STARTED.computeIfAbsent("in-process", k -> start(LocalCleanRooms.builder()));
  }

  /** One local Clean Rooms per external S3 server (MinIO), whose keys the driver also signs with. */
  static TestCollaboration onExternalS3(URI endpoint, String accessKey, String secretKey) {
    return STARTED.computeIfAbsent(endpoint.toString(),
        k -> start(LocalCleanRooms.builder().externalS3(endpoint, accessKey, secretKey)));
  }

  private static TestCollaboration start(LocalCleanRooms.Builder builder) {
    LocalCleanRooms local = builder.rowsPerPart(ROWS_PER_PART).seedDemo(true).start();
    Runtime.getRuntime().addShutdownHook(new Thread(local::close, "test-local-clean-rooms-stop"));
    return new TestCollaboration(local);
  }

  /** A table whose CUSTOM analysis rule allows queries only (no job may read it) and keeps customer_id out of results. */
  private void restrictedTable(CleanRoomsClient advertiser) {
    local.registerGlueTable("test_db", "restricted", List.of(new ColumnSpec("customer_id", "bigint")),
        new S3Location("advertiser-data", "customers/"), "PARQUET");
    String tableId = advertiser.createConfiguredTable(b -> b.name("restricted")
        .tableReference(r -> r.glue(g -> g.databaseName("test_db").tableName("restricted")))
        .allowedColumns("customer_id").analysisMethod("MULTIPLE")
        .selectedAnalysisMethodsWithStrings("DIRECT_QUERY", "DIRECT_JOB")).configuredTable().id();
    advertiser.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
        .analysisRuleType("CUSTOM").analysisRulePolicy(p -> p.v1(v -> v.custom(c -> c.allowedAnalyses("ANY_QUERY")
            .allowedAnalysisProviders(DemoCollaboration.ADVERTISER_ACCOUNT).disallowedOutputColumns("customer_id")))));
    advertiser.createConfiguredTableAssociation(b -> b.membershipIdentifier(demo.advertiserMembershipId())
        .configuredTableIdentifier(tableId).name("restricted")
        .roleArn("arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/TestTables"));
  }

  private void jvmTemplate(CleanRoomsClient advertiser, String name, String className) {
    jvmTemplate(advertiser, name, className, "customers");
  }

  private void jvmTemplate(CleanRoomsClient advertiser, String name, String className, String table) {
    String key = "tests/" + name + ".jvm";
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.CODE_BUCKET).key(key),
        RequestBody.fromString(className));
    advertiser.createAnalysisTemplate(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())
        .name(name)
        .description("test job " + className)
        .format(AnalysisFormat.PYSPARK_1_0)
        .schema(s -> s.referencedTables(table))
        .source(s -> s.artifacts(a -> a
            .entryPoint(e -> e.location(l -> l.bucket(DemoCollaboration.CODE_BUCKET).key(key)))
            .roleArn("arn:aws:iam::" + DemoCollaboration.ADVERTISER_ACCOUNT + ":role/TestJobs"))));
  }

  private void sqlTemplate(CleanRoomsClient advertiser, String name, String sql, AnalysisParameter... parameters) {
    advertiser.createAnalysisTemplate(b -> b
        .membershipIdentifier(demo.advertiserMembershipId())
        .name(name)
        .description("test SQL template")
        .format(AnalysisFormat.SQL)
        .schema(s -> s.referencedTables("customers"))
        .analysisParameters(parameters)
        .source(s -> s.text(sql)));
  }

  /**
   * The URL the standalone command prints (region, membership and both endpoints, no secret), with every template
   * call running its own job: the specs count jobs and corrupt results, which an identical call must not reuse.
   */
  public String url() {
    return reusingUrl() + "&reuseWindowSeconds=0";
  }

  /** The URL as a user has it, where an identical template call within the default window reuses the last run. */
  public String reusingUrl() {
    return "jdbc:cleanrooms://us-east-1/" + demo.advertiserMembershipId()
        + "?cleanRoomsEndpoint=" + local.endpoint() + "&s3Endpoint=" + local.s3().endpoint()
        + "&credentials=STATIC&accessKeyId=" + DemoCollaboration.ADVERTISER_ACCESS_KEY
        + "&pollInitialIntervalMs=20&pollMaxIntervalMs=200";
  }

  /** A connection as a user has one: the default reuse window. */
  public Connection connectReusing() throws SQLException {
    return DriverManager.getConnection(reusingUrl(), secret());
  }

  /** Runs {@code sql} and counts the rows it returns. */
  public long rowCount(Connection c, String sql) throws SQLException {
    try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  public Properties secret() {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", DemoCollaboration.ADVERTISER_SECRET);
    return p;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), secret());
  }

  /** A connection as the publisher, a member with no abilities. */
  Connection connectAsPublisher() throws SQLException {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", DemoCollaboration.PUBLISHER_SECRET);
    return DriverManager.getConnection(url().replace(demo.advertiserMembershipId(), demo.publisherMembershipId())
        .replace(DemoCollaboration.ADVERTISER_ACCESS_KEY, DemoCollaboration.PUBLISHER_ACCESS_KEY), p);
  }

  String publisherMembershipId() {
    return demo.publisherMembershipId();
  }

  URI s3Endpoint() {
    return local.s3().endpoint();
  }

  public String membershipId() {
    return demo.advertiserMembershipId();
  }

  public CleanRoomsClient advertiserClient() {
    return DemoCollaboration.client(local.endpoint(), DemoCollaboration.ADVERTISER_ACCESS_KEY,
        DemoCollaboration.ADVERTISER_SECRET);
  }

  /** The membership's jobs as the service lists them, newest first. */
  public List<ProtectedJobSummary> jobs() {
    try (CleanRoomsClient client = advertiserClient()) {
      return client.listProtectedJobsPaginator(b -> b.membershipIdentifier(membershipId())).protectedJobs()
          .stream().toList();
    }
  }

  /** Cuts a result object to half its length, as an interrupted upload would leave it. */
  void truncate(String key) {
    byte[] bytes = local.s3().client().getObjectAsBytes(b -> b.bucket(DemoCollaboration.RESULT_BUCKET).key(key))
        .asByteArray();
    local.s3().client().putObject(b -> b.bucket(DemoCollaboration.RESULT_BUCKET).key(key),
        RequestBody.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
  }

  /** Switches the local Clean Rooms' fault mode (Faults.none() switches it off). */
  public void faults(dev.cleanroomsjdbc.local.faults.Faults faults) {
    local.faults(faults);
  }

  /** Deletes a result object, or replaces it with 0 bytes, as a lifecycle rule or a stray upload would. */
  void tamper(String key, boolean delete) {
    if (delete) {
      local.s3().client().deleteObject(b -> b.bucket(DemoCollaboration.RESULT_BUCKET).key(key));
    } else {
      local.s3().client().putObject(b -> b.bucket(DemoCollaboration.RESULT_BUCKET).key(key), RequestBody.empty());
    }
  }

  /** Keys of the objects under a protected query's result prefix. */
  List<String> queryResultKeys(String queryId) {
    return local.s3().client().listObjectsV2Paginator(b -> b.bucket(DemoCollaboration.RESULT_BUCKET)
            .prefix(DemoCollaboration.QUERY_RESULT_KEY_PREFIX + "/" + queryId + "/"))
        .contents().stream().map(o -> o.key()).toList();
  }

  /** How many protected queries the membership has run. */
  public int queryCount() {
    try (CleanRoomsClient client = advertiserClient()) {
      return (int) client.listProtectedQueriesPaginator(b -> b.membershipIdentifier(membershipId()))
          .protectedQueries().stream().count();
    }
  }

  /** Keys of the objects under a job's result prefix. */
  List<String> resultKeys(String jobId) {
    return local.s3().client().listObjectsV2Paginator(b -> b.bucket(DemoCollaboration.RESULT_BUCKET)
            .prefix(DemoCollaboration.RESULT_KEY_PREFIX + "/" + jobId + "/"))
        .contents().stream().map(o -> o.key()).toList();
  }
}
