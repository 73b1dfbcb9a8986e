package dev.cleanroomsjdbc.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One logger of the host's SLF4J, seen through the relocated SLF4J API; messages are formatted here. */
final class HostLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  private final transient HostSlf4j host;
  private final transient Object hostLogger;

  HostLogger(String name, HostSlf4j host, Object hostLogger) {
    this.name = name;
    this.host = host;
    this.hostLogger = hostLogger;
  }

  @Override
  public boolean isTraceEnabled() {
    return host.isEnabled(hostLogger, Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return host.isEnabled(hostLogger, Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return host.isEnabled(hostLogger, Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return host.isEnabled(hostLogger, Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return host.isEnabled(hostLogger, Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable thrown) {
    host.log(hostLogger, level, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
  }
}
