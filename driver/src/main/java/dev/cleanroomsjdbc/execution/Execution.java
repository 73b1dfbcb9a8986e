package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run of one statement: the compare-and-set state that cancel, query timeout and close share, the jobs
 * it completed, and its progress listener. The thread that runs the statement makes it {@linkplain #current()
 * current} so that the Calcite functions it calls into wait on it; any other thread may {@linkplain #cancel end} it.
 */
public final class Execution {

  /** Why an execution was ended before its job finished. */
  public enum Stop {
    CANCELLED("the statement was cancelled", SqlState.QUERY_CANCELED),
    TIMED_OUT("the query timeout expired", SqlState.TIMEOUT),
    CLOSED("the statement was closed", SqlState.QUERY_CANCELED);

    private final String why;
    private final SqlState state;

    Stop(String why, SqlState state) {
      this.why = why;
      this.state = state;
    }

    SQLException exception(String what) {
      return exception(what, null);
    }

    SQLException exception(String what, Throwable cause) {
      return state.exception(what + " was cancelled because " + why, cause);
    }

    /** Why, as a phrase: "the statement was cancelled". */
    String why() {
      return why;
    }
  }

  private static final ThreadLocal<Execution> CURRENT = new ThreadLocal<>();

  private final AtomicReference<Stop> stop = new AtomicReference<>();
  private final List<Runnable> onStop = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Object wakeUp = new Object();
  private final List<CompletedJob> completedJobs = new ArrayList<>();
  private final Map<Object, Object> memos = new HashMap<>();
  private final Consumer<JobProgress> progress;
  private SQLWarning warnings;

  public Execution(Consumer<JobProgress> progress) {
    this.progress = progress == null ? p -> { } : progress;
  }

  /** The execution the calling thread runs, or a fresh one that nobody can cancel (e.g. metadata calls). */
  public static Execution current() {
    Execution e = CURRENT.get();
    return e != null ? e : new Execution(null);
  }

  /** Makes this the calling thread's execution until the returned scope is closed. */
  public Scope enter() {
    Execution previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Ends the execution; only the first reason counts. Returns true if this call ended it. */
  public boolean cancel(Stop reason) {
    boolean first = stop.compareAndSet(null, reason);
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    if (first) {
      for (Runnable r : onStop) {
        r.run();
      }
    }
    return first;
  }

  /**
   * Runs {@code action} when the execution is stopped (at once if it is already): what a blocked read needs to end
   * at once, such as aborting an S3 request. Returns what removes it again.
   */
  public Runnable onStop(Runnable action) {
    onStop.add(action);
    if (stop.get() != null && onStop.remove(action)) {
      action.run();
    }
    return () -> onStop.remove(action);
  }

  /** The exception that fits the stop reason for {@code what}, or null if the execution was not stopped. */
  public SQLException stopException(String what, Throwable cause) {
    Stop s = stop.get();
    return s == null ? null : s.exception(what, cause);
  }

  public Optional<Stop> stopped() {
    return Optional.ofNullable(stop.get());
  }

  /** Throws the exception that fits the stop reason if the execution was ended. */
  public void throwIfStopped(String what) throws SQLException {
    Stop s = stop.get();
    if (s != null) {
      throw s.exception(what);
    }
  }

  /** Waits {@code d} or until the execution is cancelled, whichever comes first. */
  public void pause(Duration d) throws SQLException {
    long deadline = System.nanoTime() + d.toNanos();
    synchronized (wakeUp) {
      long left;
      while (stop.get() == null && (left = deadline - System.nanoTime()) > 0) {
        try {
          wakeUp.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel(Stop.CANCELLED);
        }
      }
    }
  }

  void report(JobProgress p) {
    progress.accept(p);
  }

  synchronized void completed(CompletedJob job) {
    completedJobs.add(job);
  }

  /** Something the statement's caller should know about this execution (a result read again, say). */
  public synchronized void warn(SQLWarning warning) {
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }

  /** The warnings of this execution, chained, or null. */
  public synchronized SQLWarning warnings() {
    return warnings;
  }

  /** The jobs this execution ran to SUCCESS, in order. */
  public synchronized List<CompletedJob> completedJobs() {
    return List.copyOf(completedJobs);
  }

  /** Work that must happen once per execution (Calcite may ask for a job's row type more than once). */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** The value computed for {@code key} earlier in this execution, or computes it now. */
  @SuppressWarnings("unchecked")
  public synchronized <T> T once(Object key, Work<T> work) throws SQLException {
    Object v = memos.get(key);
    if (v == null) {
      v = work.run();
      memos.put(key, v);
    }
    return (T) v;
  }

  /** Removes and returns what {@link #once} computed for {@code key}, if anything. */
  @SuppressWarnings("unchecked")
  public synchronized <T> Optional<T> take(Object key) {
    return Optional.ofNullable((T) memos.remove(key));
  }

  /** Moves what another execution computed and nobody took into this one (a prepare handing over to its execute). */
  public void adopt(Execution other) {
    Map<Object, Object> moved;
    List<CompletedJob> jobs;
    SQLWarning warned;
    synchronized (other) {
      moved = new HashMap<>(other.memos);
      other.memos.clear();
      jobs = List.copyOf(other.completedJobs);
      other.completedJobs.clear();
      warned = other.warnings;
      other.warnings = null;
    }
    synchronized (this) {
      moved.forEach(memos::putIfAbsent);
      completedJobs.addAll(0, jobs);
    }
    if (warned != null) {
      warn(warned);
    }
  }

  /** Restores the previous current execution of the thread. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
