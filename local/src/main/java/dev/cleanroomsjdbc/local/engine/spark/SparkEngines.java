package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkEngine;
import dev.cleanroomsjdbc.local.spark.bridge.SparkEngineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark engine per JVM and master, started on first use (never at the local Clean Rooms' start) and stopped
 * when the JVM exits; every local Clean Rooms in the JVM shares it, each job and query in a session of its own.
 */
public final class SparkEngines {
  private static final Logger LOG = LoggerFactory.getLogger(SparkEngines.class);
  private static final String ENGINE_CLASS = "dev.cleanroomsjdbc.local.spark.SessionEngine";
  private static final Map<String, SparkEngine> ENGINES = new ConcurrentHashMap<>();
  private static volatile Path workDir;
  private static volatile List<URL> jars;

  private SparkEngines() {}

  /** Spark cannot start here: its jars are missing, or the session failed to start. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The engine for these options, starting it (class loading and a Spark session: seconds) if needed. */
  public static SparkEngine get(SparkOptions options) {
    String python = PythonCheck.of(options.python()).usable() ? PythonCheck.of(options.python()).executable() : null;
    try {
      return ENGINES.computeIfAbsent(options.master() + "|" + python, key -> start(options.master(), python));
    } catch (IllegalStateException | LinkageError e) {
      throw new Unavailable("the local Spark engine is not available: " + e.getMessage(), e);
    }
  }

  /** The scratch directory of this JVM's engines (staged tables, job folders), removed when the JVM exits. */
  static synchronized Path workDir() {
    if (workDir == null) {
      try {
        workDir = Files.createTempDirectory("cleanrooms-spark-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SparkEngines::stopAll, "cleanrooms-spark-stop"));
    }
    return workDir;
  }

  /** A loader of its own per engine: Spark allows one SparkContext per copy of its classes. */
  private static synchronized SparkClassLoader newLoader() {
    ClassLoader host = SparkEngines.class.getClassLoader();
    if (jars == null) {
      jars = SparkClassPath.resolve(host);
      LOG.info("Spark engine class path: {} jars", jars.size());
    }
    return new SparkClassLoader(jars, host);
  }

  private static SparkEngine start(String master, String python) {
    Path work = workDir().resolve("engine-" + ENGINES.size());
    quietSparkLogsOnSimpleLogger();
    SparkEngineSettings settings = new SparkEngineSettings(master, python, work, List.of(), Map.of());
    // Spark's thread pools (created now) put their threads in the group of the thread that creates them: a group
    // of Spark's own, under the root group, so that a host that manages its own group's threads (`mvn exec:java`
    // joins and interrupts them when main returns) leaves Spark's alone until the JVM exits.
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    SparkEngine[] engine = new SparkEngine[1];
    Throwable[] failure = new Throwable[1];
    SparkClassLoader loader = newLoader();
    Thread starter = new Thread(new ThreadGroup(root, "cleanrooms-spark"), () -> {
      try {
        Class<?> type = Class.forName(ENGINE_CLASS, true, loader);
        engine[0] = (SparkEngine) type.getConstructor(SparkEngineSettings.class).newInstance(settings);
      } catch (InvocationTargetException e) {
        failure[0] = new IllegalStateException("Spark did not start on " + master + ": " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        failure[0] = new IllegalStateException("the Spark engine cannot be loaded: " + e, e);
      }
    }, "cleanrooms-spark-start");
    starter.setDaemon(true);
    // Threads Spark starts from here inherit it: service lookups (Hadoop's file systems) see Spark's jars.
    starter.setContextClassLoader(loader);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Spark started", e);
    }
    if (failure[0] != null) {
      throw (IllegalStateException) failure[0];
    }
    return engine[0];
  }

  /**
   * Spark logs hundreds of INFO lines per job; with slf4j-simple (the runnable jar's, the demo's) they would bury
   * the local Clean Rooms' own. Other SLF4J bindings are configured by their own files.
   */
  private static void quietSparkLogsOnSimpleLogger() {
    Map<String, String> levels = Map.of("org.apache.spark", "warn", "org.sparkproject", "warn",
        "org.apache.hadoop", "warn", "org.apache.parquet", "warn", "py4j", "warn",
        // a loopback host name and Hadoop's pure-Java fallback are normal here
        "org.apache.spark.util.Utils", "error", "org.apache.hadoop.util.NativeCodeLoader", "error");
    levels.forEach((prefix, level) -> {
      String key = "org.slf4j.simpleLogger.log." + prefix;
      if (System.getProperty(key) == null) {
        System.setProperty(key, level);
      }
    });
  }

  private static void stopAll() {
    // Spark's stop waits for running tasks; a JVM that is exiting waits for it at most 10 s.
    Thread stopper = new Thread(() -> {
      for (SparkEngine engine : ENGINES.values()) {
        try {
          engine.close();
        } catch (RuntimeException e) {
          LOG.debug("stopping Spark failed", e);
        }
      }
    }, "cleanrooms-spark-stopper");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ENGINES.clear();
    Path dir = workDir;
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("cannot remove {}", dir, e);
      }
    }
  }
}
