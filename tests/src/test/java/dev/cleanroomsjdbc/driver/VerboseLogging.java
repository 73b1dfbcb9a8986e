package dev.cleanroomsjdbc.driver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most verbose logging a host can turn on, captured: java.util.logging at ALL on the root logger and on
 * {@code dev.cleanroomsjdbc}, and the host's SLF4J (slf4j-simple here) at TRACE for the driver's loggers, old and
 * new ({@link #LEVELS}).
 * Closing it puts everything back. slf4j-simple reads its levels once per logger, so the loggers that exist are
 * set by reflection (test code only) and new ones by its system properties.
 */
final class VerboseLogging implements AutoCloseable {
  /**
   * TRACE for the driver and its libraries: everything under dev.cleanroomsjdbc (the self-contained jar's relocated
   * libraries included), and the SDK, HttpClient and Calcite the driver's classes use as a Maven dependency. The
   * local Clean Rooms and its Spark, Jetty and S3 server, which share this JVM but are another program, stay as
   * they are (at TRACE they would log for minutes).
   */
  private static final Map<String, String> LEVELS = Map.of("dev", "trace", "software", "trace", "org.apache.http",
      "trace", "org.apache.calcite", "trace", "dev.cleanroomsjdbc.local", "info");
  private static final Pattern SIMPLE_LINE = Pattern.compile("^\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - ");

  /** One record: the logger's name and everything it printed (message, stack trace). */
  record Entry(String logger, String text) {}

  private final List<Entry> julRecords = new ArrayList<>();
  private final Map<Logger, Level> julLevels = new HashMap<>();
  private final Handler handler;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream slf4j = new ByteArrayOutputStream();
  private final Map<Object, Integer> simpleLevels = new HashMap<>();
  private final Map<String, String> properties = new HashMap<>();

  VerboseLogging() throws ReflectiveOperationException {
    handler = new Handler() {
      private final SimpleFormatter format = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        StringWriter text = new StringWriter();
        text.append(format.formatMessage(r));
        if (r.getThrown() != null) {
          r.getThrown().printStackTrace(new PrintWriter(text));
        }
        synchronized (julRecords) {
          julRecords.add(new Entry(String.valueOf(r.getLoggerName()), text.toString()));
        }
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    handler.setLevel(Level.ALL);
    for (Logger l : List.of(Logger.getLogger(""), Logger.getLogger("dev.cleanroomsjdbc"))) {
      julLevels.put(l, l.getLevel());
      l.setLevel(Level.ALL);
    }
    Logger.getLogger("").addHandler(handler);
    LEVELS.forEach((name, value) -> {
      String key = "org.slf4j.simpleLogger.log." + name;
      properties.put(key, System.getProperty(key));
      System.setProperty(key, value);
    });
    Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
    if (factory.getClass().getName().equals("org.slf4j.simple.SimpleLoggerFactory")) {
      Field map = factory.getClass().getDeclaredField("loggerMap");
      map.setAccessible(true);
      for (Object logger : ((Map<?, ?>) map.get(factory)).values()) {
        Field level = logger.getClass().getDeclaredField("currentLogLevel");
        level.setAccessible(true);
        simpleLevels.put(logger, level.getInt(logger));
        String name = ((org.slf4j.Logger) logger).getName();
        if (LEVELS.keySet().stream().anyMatch(n -> name.startsWith(n + "."))
            && !name.startsWith("dev.cleanroomsjdbc.local")) {
          level.setInt(logger, 0); // SimpleLogger.LOG_LEVEL_TRACE
        }
      }
    }
    System.setErr(new PrintStream(slf4j, true, StandardCharsets.UTF_8));
  }

  /** Every record captured so far, from both. */
  List<Entry> entries() {
    List<Entry> all = new ArrayList<>();
    synchronized (julRecords) {
      all.addAll(julRecords);
    }
    String logger = "";
    StringBuilder text = new StringBuilder();
    for (String line : slf4j.toString(StandardCharsets.UTF_8).split("\n")) {
      Matcher m = SIMPLE_LINE.matcher(line);
      if (m.find()) {
        if (text.length() > 0) {
          all.add(new Entry(logger, text.toString()));
        }
        logger = m.group(2);
        text.setLength(0);
      }
      text.append(line).append('\n');
    }
    if (text.length() > 0) {
      all.add(new Entry(logger, text.toString()));
    }
    return all;
  }

  @Override
  public void close() throws ReflectiveOperationException {
    System.setErr(err);
    Logger.getLogger("").removeHandler(handler);
    julLevels.forEach(Logger::setLevel);
    properties.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
    Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
    if (factory.getClass().getName().equals("org.slf4j.simple.SimpleLoggerFactory")) {
      Field map = factory.getClass().getDeclaredField("loggerMap");
      map.setAccessible(true);
      for (Object logger : ((Map<?, ?>) map.get(factory)).values()) {
        Field level = logger.getClass().getDeclaredField("currentLogLevel");
        level.setAccessible(true);
        // loggers made while this was open got TRACE: they go back to slf4j-simple's default, INFO
        level.setInt(logger, simpleLevels.getOrDefault(logger, 20));
      }
    }
  }
}
