package dev.cleanroomsjdbc.logging;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of the self-contained jar: formats each record, takes the secrets out ({@link Secrets}), passes it on. */
final class RedactingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger target;

  RedactingLogger(Logger target) {
    this.name = target.getName();
    this.target = target;
  }

  @Override
  public boolean isTraceEnabled() {
    return target.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return target.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return target.isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return target.isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return target.isErrorEnabled();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable thrown) {
    String message = Secrets.redact(MessageFormatter.basicArrayFormat(pattern, arguments));
    Throwable shown = Secrets.redact(thrown);
    switch (level) {
      case TRACE -> target.trace(message, shown);
      case DEBUG -> target.debug(message, shown);
      case INFO -> target.info(message, shown);
      case WARN -> target.warn(message, shown);
      case ERROR -> target.error(message, shown);
    }
  }
}
