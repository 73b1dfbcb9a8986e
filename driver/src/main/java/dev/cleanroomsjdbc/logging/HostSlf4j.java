package dev.cleanroomsjdbc.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The host's own (unrelocated) SLF4J, reached by reflection: inside the self-contained jar every {@code org.slf4j}
 * reference is relocated, so the host's API can only be named by strings built at run time.
 */
final class HostSlf4j implements ILoggerFactory {

  /** Built at run time: the shade plugin rewrites string constants that name relocated packages. */
  private static final String HOST_PACKAGE = String.join(".", "org", "slf4j");

  private final MethodHandle getLogger;
  private final MethodHandle[] isEnabled = new MethodHandle[Level.values().length];
  private final MethodHandle[] log = new MethodHandle[Level.values().length];
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  private HostSlf4j(Class<?> factory, Class<?> logger) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    this.getLogger = lookup.findStatic(factory, "getLogger", MethodType.methodType(logger, String.class));
    for (Level level : Level.values()) {
      String name = level.name().toLowerCase(java.util.Locale.ROOT);
      String is = "is" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Enabled";
      isEnabled[level.ordinal()] = lookup.findVirtual(logger, is, MethodType.methodType(boolean.class));
      log[level.ordinal()] = lookup.findVirtual(logger, name,
          MethodType.methodType(void.class, String.class, Throwable.class));
    }
  }

  /**
   * A factory over the host's SLF4J, or null where the host has none, has no provider (where SLF4J would only
   * print its "no providers" warning) or is this very SLF4J (the driver used unshaded).
   */
  static ILoggerFactory loggerFactory() {
    ClassLoader loader = HostSlf4j.class.getClassLoader();
    try {
      Class<?> factory = Class.forName(HOST_PACKAGE + ".LoggerFactory", false, loader);
      if (factory == LoggerFactory.class || !hasProvider(loader)) {
        return null;
      }
      return new HostSlf4j(factory, Class.forName(HOST_PACKAGE + ".Logger", false, loader));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** SLF4J 2 finds providers by ServiceLoader; 1.7 binds a StaticLoggerBinder. */
  private static boolean hasProvider(ClassLoader loader) {
    try {
      Class<?> spi = Class.forName(HOST_PACKAGE + ".spi.SLF4JServiceProvider", false, loader);
      if (ServiceLoader.load(spi, loader).stream().findAny().isPresent()) {
        return true;
      }
    } catch (ClassNotFoundException e) {
      // SLF4J 1.7: no ServiceLoader providers
    }
    try {
      Class.forName(HOST_PACKAGE + ".impl.StaticLoggerBinder", false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> {
      try {
        return new HostLogger(n, this, getLogger.invoke(n));
      } catch (Throwable e) {
        throw new IllegalStateException("The host's SLF4J did not give a logger for " + n, e);
      }
    });
  }

  boolean isEnabled(Object hostLogger, Level level) {
    try {
      return (boolean) isEnabled[level.ordinal()].invoke(hostLogger);
    } catch (Throwable e) {
      return false;
    }
  }

  void log(Object hostLogger, Level level, String message, Throwable thrown) {
    try {
      log[level.ordinal()].invoke(hostLogger, message, thrown);
    } catch (Throwable e) {
      // a host logger that throws must not fail the driver's call
    }
  }
}
