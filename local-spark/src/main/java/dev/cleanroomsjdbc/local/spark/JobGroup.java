package dev.cleanroomsjdbc.local.spark;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkContext;

/**
 * The Spark job group of one protected job or query on the calling thread: a watcher polls the cancel flag and
 * cancels the group's Spark jobs as soon as it turns true.
 */
final class JobGroup implements AutoCloseable {
  private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cleanrooms-spark-cancel");
    t.setDaemon(true);
    return t;
  });

  private final SparkContext sc;
  private final String id;
  private final BooleanSupplier cancelled;
  private final ScheduledFuture<?> poll;
  private final Runnable onCancel;
  private volatile boolean fired;

  JobGroup(SparkContext sc, String id, String description, BooleanSupplier cancelled, Runnable onCancel) {
    this.sc = sc;
    this.id = id;
    this.cancelled = cancelled;
    this.onCancel = onCancel;
    sc.setJobGroup(id, description, true);
    this.poll = WATCHER.scheduleWithFixedDelay(this::check, 50, 50, TimeUnit.MILLISECONDS);
  }

  String id() {
    return id;
  }

  // Cancelling again on every tick: a Spark job the group starts after the flag turned (user code between two
  // actions, the result writer) must not run to its end.
  private void check() {
    if (fired || cancelled.getAsBoolean()) {
      if (!fired) {
        fired = true;
        onCancel.run();
      }
      sc.cancelJobGroup(id);
    }
  }

  /** Throws CancellationException when the job was cancelled (whatever Spark threw in consequence). */
  void throwIfCancelled(Throwable cause) {
    if (fired || cancelled.getAsBoolean()) {
      CancellationException e = new CancellationException("the analysis was cancelled");
      if (cause != null) {
        e.initCause(new RuntimeException(Failures.firstLine(cause)));
      }
      throw e;
    }
  }

  @Override
  public void close() {
    poll.cancel(false);
    sc.clearJobGroup();
  }
}
