package dev.cleanroomsjdbc.local.storage;

import java.lang.reflect.Field;
import java.util.Collection;
import org.gaul.s3proxy.S3Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the threads of s3proxy's (shaded) Jetty daemon threads, and gives it a deeper accept queue. The local Clean Rooms runs inside user programs
 * through {@code jdbc:cleanrooms:local}; non-daemon server threads would keep such a program's JVM alive after
 * its {@code main} returns. s3proxy's builder has no option for this, so it is set on the built server by
 * reflection (the version is pinned; {@code LocalS3Test} checks that no non-daemon thread is left).
 */
final class DaemonJetty {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonJetty.class);

  private DaemonJetty() {}

  /**
   * How many connections may wait to be accepted. Jetty leaves it to the JVM (50); under load (many connections
   * opened at once on a busy 2-core machine) the queue overflowed, the kernel reset the connections, and a query's
   * ListObjectsV2 failed "Broken pipe" on every attempt.
   */
  static final int ACCEPT_QUEUE = 1024;

  /** Call before {@link S3Proxy#start()}. Failing leaves the threads as they are, with a warning. */
  static void apply(S3Proxy proxy) {
    try {
      Object server = field(proxy, "server");
      for (Object connector : (Object[]) server.getClass().getMethod("getConnectors").invoke(server)) {
        connector.getClass().getMethod("setAcceptQueueSize", int.class).invoke(connector, ACCEPT_QUEUE);
      }
      Object pool = server.getClass().getMethod("getThreadPool").invoke(server);
      pool.getClass().getMethod("setDaemon", boolean.class).invoke(pool, true);
      for (Object bean : (Collection<?>) server.getClass().getMethod("getBeans").invoke(server)) {
        if (bean.getClass().getSimpleName().equals("ScheduledExecutorScheduler")) {
          Field daemon = bean.getClass().getDeclaredField("daemon");
          daemon.setAccessible(true);
          daemon.setBoolean(bean, true);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("s3proxy's threads stay non-daemon ({}); a program using jdbc:cleanrooms:local may not exit"
          + " on its own", e.toString());
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }
}
