package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.CalciteQueryRuntime;
import dev.cleanroomsjdbc.local.engine.EngineQueryRuntime;
import dev.cleanroomsjdbc.local.engine.spark.SparkJobRuntime;
import dev.cleanroomsjdbc.local.engine.spark.SparkOptions;
import dev.cleanroomsjdbc.local.engine.spark.SparkQueryRuntime;
import dev.cleanroomsjdbc.local.faults.FaultInjector;
import dev.cleanroomsjdbc.local.faults.Faults;
import dev.cleanroomsjdbc.local.faults.FaultyJobRuntime;
import dev.cleanroomsjdbc.local.fixture.FixtureFile;
import dev.cleanroomsjdbc.local.fixture.FixtureIds;
import dev.cleanroomsjdbc.local.fixture.FixtureLoader;
import dev.cleanroomsjdbc.local.http.CleanRoomsApi;
import dev.cleanroomsjdbc.local.http.LocalCleanRoomsHttpServer;
import dev.cleanroomsjdbc.local.service.StorageAccess;
import dev.cleanroomsjdbc.local.state.Account;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running local Clean Rooms: local S3, the job runtime and the Clean Rooms HTTP endpoint, started and stopped together. */
public final class LocalCleanRooms implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCleanRooms.class);

  private final Builder options;
  private final CleanRoomsState state;
  private final StorageAccess storageAccess;
  // Off until the demo is seeded: the seeding goes through the server itself and must not be throttled.
  private final FaultInjector faults = new FaultInjector(Faults.none());
  private LocalS3 s3;
  private CleanRoomsApi api;
  private LocalCleanRoomsHttpServer http;
  private DemoCollaboration.Demo demo;
  private final List<FixtureIds> fixtureIds = new ArrayList<>();

  private LocalCleanRooms(Builder options) {
    this.options = options;
    this.state = options.dataDir == null ? new CleanRoomsState()
        : CleanRoomsState.persistent(options.dataDir.resolve("state"));
    this.storageAccess = new StorageAccess(state);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts local S3, the job runtime and the HTTP server, then seeds the demo when asked; returns this. */
  public synchronized LocalCleanRooms start() {
    if (http != null) {
      return this;
    }
    long started = System.nanoTime();
    try {
      s3 = options.storage != null ? options.storage.get() : LocalS3.start(options.s3Port,
          options.dataDir == null ? null : options.dataDir.resolve("s3"), storageAccess);
      JobRuntime runtime = new FaultyJobRuntime(options.runtime.apply(this), faults);
      // Spark starts with the first job or query that needs it, not here.
      EngineQueryRuntime queries = new EngineQueryRuntime(new SparkQueryRuntime(s3, options.rowsPerPart, spark()),
          new CalciteQueryRuntime(s3, options.rowsPerPart));
      api = new CleanRoomsApi(state, s3::read, runtime, queries, options.queryTimeout);
      http = LocalCleanRoomsHttpServer.start(options.port, api, state.accounts(), faults);
      if (options.seedDemo) {
        demo = DemoCollaboration.seed(this);
      }
      for (Supplier<FixtureFile> fixture : options.fixtures) {
        fixtureIds.add(FixtureLoader.apply(this, fixture.get()));
      }
      faults.set(options.faults);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the local Clean Rooms on port " + options.port, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("local Clean Rooms ready in {} ms: {} (S3 {})", (System.nanoTime() - started) / 1_000_000,
        http.endpoint(), s3.endpoint());
    return this;
  }

  /** The Clean Rooms endpoint to pass as the SDK's endpoint override. */
  public URI endpoint() {
    return requireStarted().endpoint();
  }

  /** The service model's names of the operations this instance serves. */
  public List<String> operations() {
    if (api == null) {
      throw new IllegalStateException("the local Clean Rooms is not started");
    }
    return api.operations();
  }

  /** How many API requests of each operation this instance has received (by the service model's names). */
  public java.util.Map<String, Long> requestCounts() {
    if (http == null) {
      throw new IllegalStateException("the local Clean Rooms is not started");
    }
    return http.requestCounts();
  }

  public LocalS3 s3() {
    if (s3 == null) {
      throw new IllegalStateException("the local Clean Rooms is not started");
    }
    return s3;
  }

  public int rowsPerPart() {
    return options.rowsPerPart;
  }

  /** Where Spark work runs: the master ({@code local[2]} unless set) and the Python for {@code .py} jobs. */
  public SparkOptions spark() {
    return new SparkOptions(options.sparkMaster, options.python);
  }

  /** The seeded demo, when the instance was built with {@code seedDemo(true)}. */
  public Optional<DemoCollaboration.Demo> demo() {
    return Optional.ofNullable(demo);
  }

  /** What each fixture given to the builder created, in the order they were given. */
  public List<FixtureIds> fixtures() {
    return List.copyOf(fixtureIds);
  }

  /** Changes the fault mode while running (tests arrange faults with it); {@code Faults.none()} turns it off. */
  public void faults(Faults newFaults) {
    faults.set(newFaults);
  }

  /** The current fault mode setting. */
  public Faults faults() {
    return faults.faults();
  }

  /** Lets callers signing with {@code accessKeyId} act as account {@code accountId}. */
  public void registerAccount(String accountId, String accessKeyId, String secretAccessKey) {
    state.accounts().register(new Account(accountId, accessKeyId, secretAccessKey));
  }

  /**
   * Makes account {@code accountId} an owner of {@code bucket} in the in-process S3, as owning the bucket does in
   * AWS: its keys may then read, write and list it (without a grant an account reads only the results addressed
   * to it; the local Clean Rooms itself reaches every bucket).
   */
  public void grantBucket(String bucket, String accountId) {
    storageAccess.grant(bucket, accountId);
  }

  /** Adds a table to the local Glue catalog, for CreateConfiguredTable to reference. */
  public void registerGlueTable(String database, String table, List<ColumnSpec> columns, S3Location data,
      String format) {
    state.glue().register(database, table, columns, data, format);
  }

  /** Cancels running jobs, then stops the HTTP server and local S3. */
  @Override
  public synchronized void close() {
    if (api != null) {
      api.close();
    }
    if (http != null) {
      http.close();
    }
    if (s3 != null) {
      s3.close();
    }
    api = null;
    http = null;
    s3 = null;
  }

  private LocalCleanRoomsHttpServer requireStarted() {
    if (http == null) {
      throw new IllegalStateException("the local Clean Rooms is not started");
    }
    return http;
  }

  /** Options of a local Clean Rooms; every port defaults to 0 (a free one). */
  public static final class Builder {
    private int port;
    private int s3Port;
    private Path dataDir;
    private int rowsPerPart = 100_000;
    private boolean seedDemo;
    // The service delivers results only of queries that finish within 12 hours.
    private Duration queryTimeout = Duration.ofHours(12);
    private Supplier<LocalS3> storage;
    private Faults faults = Faults.none();
    private final List<Supplier<FixtureFile>> fixtures = new ArrayList<>();
    private String sparkMaster;
    private String python;
    private Function<LocalCleanRooms, JobRuntime> runtime =
        local -> new SparkJobRuntime(local.s3(), local.rowsPerPart(), local.spark());

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder s3Port(int s3Port) {
      this.s3Port = s3Port;
      return this;
    }

    /**
     * Keeps everything in {@code dir} across restarts: S3 objects in {@code dir/s3}, the Clean Rooms state in
     * {@code dir/state} (loaded when {@link #build()} runs); null (the default) keeps both in memory. Any path
     * will do: a relative one ({@code ./local-data}, {@code ../x}) is made absolute and normal here, as S3's
     * file store refuses a path with {@code .} or {@code ..} segments in it.
     */
    public Builder dataDir(Path dir) {
      this.dataDir = dir == null ? null : dir.toAbsolutePath().normalize();
      return this;
    }

    public Builder rowsPerPart(int rowsPerPart) {
      if (rowsPerPart < 1) {
        throw new IllegalArgumentException("rowsPerPart must be positive: " + rowsPerPart);
      }
      this.rowsPerPart = rowsPerPart;
      return this;
    }

    /** How long a protected query may run before it is stopped and ends TIMED_OUT; 12 hours by default. */
    public Builder queryTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("queryTimeout must be positive: " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    public Builder seedDemo(boolean seedDemo) {
      this.seedDemo = seedDemo;
      return this;
    }

    /**
     * Applies the fixture file at start, after the demo (if any) and the fixtures given before it; see
     * {@code docs/fixtures.md}. A broken fixture stops the start with a message naming the file and the entry.
     */
    public Builder fixture(Path file) {
      fixtures.add(() -> FixtureFile.read(file));
      return this;
    }

    /** Applies the fixture at {@code url} (a file or a classpath resource) at start; see {@link #fixture(Path)}. */
    public Builder fixture(URL url) {
      fixtures.add(() -> FixtureFile.read(url));
      return this;
    }

    /** Keeps the data in an S3 server that runs already (MinIO in tests) instead of an in-process one. */
    public Builder externalS3(URI endpoint, String accessKey, String secretKey) {
      this.storage = () -> LocalS3.connect(endpoint, accessKey, secretKey);
      return this;
    }

    /**
     * Runs Spark work on {@code master}: {@code local[2]} by default (or system property
     * {@code cleanrooms.spark.master}, or CLEANROOMS_SPARK_MASTER), {@code spark://host:port} for a standalone
     * cluster; see docs/local-job-runtime.md.
     */
    public Builder sparkMaster(String master) {
      this.sparkMaster = master;
      return this;
    }

    /** The Python (with PySpark 3.5) for {@code .py} entry points; default PYSPARK_PYTHON, then python3. */
    public Builder python(String python) {
      this.python = python;
      return this;
    }

    /** Replaces the job runtime (tests use slow or failing runtimes); the default is {@link SparkJobRuntime}. */
    public Builder jobRuntime(Function<LocalCleanRooms, JobRuntime> runtime) {
      this.runtime = runtime;
      return this;
    }

    /** Injects throttling, 5xx, latency and failed jobs at the given rates once the demo (if any) is seeded. */
    public Builder faults(Faults faults) {
      this.faults = faults == null ? Faults.none() : faults;
      return this;
    }

    public LocalCleanRooms build() {
      return new LocalCleanRooms(this);
    }

    /** {@code build().start()}. */
    public LocalCleanRooms start() {
      return build().start();
    }
  }
}
