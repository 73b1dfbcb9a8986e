package dev.cleanroomsjdbc.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.jul.JULServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the self-contained driver jar (registered there only, under the relocated SLF4J): hands
 * every record to the host's SLF4J when the host has one with a provider (logback, log4j, Spark's), otherwise to
 * java.util.logging, under the {@code dev.cleanroomsjdbc} logger that {@code Driver.getParentLogger} returns.
 * Either way nothing is printed that the host's logging would not print, and no secret: every record is redacted
 * ({@link Secrets}) and HttpClient's wire and header loggers are off.
 */
public final class HostLoggingProvider implements SLF4JServiceProvider {

  /** Built at run time: the shade plugin would relocate these constants, and both spellings must match. */
  private static final String WIRE = String.join(".", "org", "apache", "http", "wire");
  private static final String HEADERS = String.join(".", "org", "apache", "http", "headers");

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private volatile ILoggerFactory loggers;

  @Override
  public void initialize() {
    ILoggerFactory host = HostSlf4j.loggerFactory();
    if (host == null) {
      JULServiceProvider jul = new JULServiceProvider();
      jul.initialize();
      host = jul.getLoggerFactory();
    }
    ILoggerFactory target = host;
    Map<String, Logger> made = new ConcurrentHashMap<>();
    loggers = name -> made.computeIfAbsent(name, n -> quiet(n) ? NOPLogger.NOP_LOGGER
        : new RedactingLogger(target.getLogger(n)));
  }

  /**
   * Apache HttpClient's wire and header loggers, which print every request's Authorization and
   * X-Amz-Security-Token headers (and STS answers' secret keys): off whatever the host turns on.
   */
  static boolean quiet(String name) {
    return name.endsWith(WIRE) || name.endsWith(HEADERS) || name.contains(WIRE + ".") || name.contains(HEADERS + ".");
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
