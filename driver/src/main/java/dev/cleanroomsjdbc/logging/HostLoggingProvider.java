package dev.cleanroomsjdbc.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.jul.JULServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the self-contained driver jar (registered there only, under the relocated SLF4J): hands
 * every record to the host's SLF4J when the host has one with a provider (logback, log4j, Spark's), otherwise to
 * java.util.logging, under the {@code dev.cleanroomsjdbc} logger that {@code Driver.getParentLogger} returns.
 * Either way nothing is printed that the host's logging would not print.
 */
public final class HostLoggingProvider implements SLF4JServiceProvider {

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
    loggers = host;
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
