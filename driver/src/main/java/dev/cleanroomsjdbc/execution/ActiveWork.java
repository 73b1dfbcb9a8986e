package dev.cleanroomsjdbc.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs and queries this JVM has started and not seen end, and a shutdown hook that cancels them when the JVM
 * exits ({@code System.exit}, SIGTERM, the last non-daemon thread ending) within {@link #SHUTDOWN_GRACE}. Only
 * kill -9 (or a crash) leaves them running: docs/operations.md says how to find and cancel those. Also remembers
 * the ids this JVM started, so that a start whose answer was lost never adopts a neighbour's run.
 */
final class ActiveWork {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveWork.class);
  /** How long the shutdown hook may take to cancel what is left: the JVM waits for it before it exits. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final int REMEMBERED_IDS = 10_000;

  private static final Set<Entry> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger STARTING = new AtomicInteger();
  private static final Map<String, Boolean> CLAIMED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_IDS;
        }
      });
  private static volatile boolean shuttingDown;

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(ActiveWork::cancelAll, "cleanrooms-jdbc-shutdown"));
    } catch (IllegalStateException e) {
      shuttingDown = true; // first used while the JVM is already exiting: start nothing
    }
  }

  private ActiveWork() {}

  /** One running job or query; close it once its end has been seen. */
  static final class Entry implements AutoCloseable {
    private final RemoteWork work;
    private final String id;

    private Entry(RemoteWork work, String id) {
      this.work = work;
      this.id = id;
    }

    @Override
    public void close() {
      RUNNING.remove(this);
    }
  }

  /** Marks a start as under way (the shutdown hook waits for it), or says no start may begin: the JVM is exiting. */
  static boolean beginStart() {
    STARTING.incrementAndGet();
    if (shuttingDown) {
      STARTING.decrementAndGet();
      return false;
    }
    return true;
  }

  static void endStart() {
    STARTING.decrementAndGet();
  }

  /** Records work this JVM started (or found it had started); the shutdown hook cancels it until closed. */
  static Entry running(RemoteWork work, String id) {
    CLAIMED.put(id, Boolean.TRUE);
    Entry e = new Entry(work, id);
    RUNNING.add(e);
    return e;
  }

  /** Whether a run with this id was started by this JVM. */
  static boolean claimed(String id) {
    return CLAIMED.containsKey(id);
  }

  static boolean shuttingDown() {
    return shuttingDown;
  }

  /** The shutdown hook: waits briefly for starts under way, then cancels everything still running, in parallel. */
  static void cancelAll() {
    shuttingDown = true;
    long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
    while (STARTING.get() > 0 && System.nanoTime() < deadline - SHUTDOWN_GRACE.toNanos() / 2) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        break;
      }
    }
    List<Thread> cancellers = new ArrayList<>();
    for (Entry e : List.copyOf(RUNNING)) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Thread t = new Thread(() -> {
        RemoteWork.State end = Cancellation.cancelUntilEnded(e.work, e.id, left);
        LOG.info("JVM exit: {} {} {}", e.work.kind(), e.id, end == null ? "not confirmed cancelled" : end.status());
      }, "cleanrooms-jdbc-shutdown-cancel");
      t.setDaemon(true);
      t.start();
      cancellers.add(t);
    }
    for (Thread t : cancellers) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException ex) {
        return;
      }
    }
  }
}
