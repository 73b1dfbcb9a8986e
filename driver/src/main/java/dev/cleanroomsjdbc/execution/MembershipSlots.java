package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns, shared by every connection of this JVM, for the service's per-membership concurrency quotas: one running
 * protected job and five running protected queries per membership. Statements queue fairly for a slot instead of
 * getting a 402 from the service; a statement that is cancelled, times out or is closed while it waits leaves the
 * queue. Starts of one membership are also made one at a time, so that a start whose answer was lost can tell the
 * run it may have started from a neighbour's ({@link Starts}).
 */
final class MembershipSlots {
  static final int JOB_SLOTS = 1;
  static final int QUERY_SLOTS = 5;
  private static final long SLICE_MS = 50;

  private static final ConcurrentMap<String, Semaphore> SLOTS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, ReentrantLock> START_LOCKS = new ConcurrentHashMap<>();

  private MembershipSlots() {}

  /** A slot (or the start turn) held until closed. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits for the work's slot; reports the wait to the progress listener and as a warning. */
  static Held slot(RemoteWork work, Execution execution) throws SQLException {
    String key = work.membershipId() + (work.isJob() ? "/job" : "/query");
    Semaphore slots = SLOTS.computeIfAbsent(key, k -> new Semaphore(work.isJob() ? JOB_SLOTS : QUERY_SLOTS, true));
    long start = System.nanoTime();
    if (!slots.tryAcquire()) {
      execution.report(new JobProgress(work.kind(), null, "WAITING_FOR_SLOT", Duration.ZERO));
      await(() -> slots.tryAcquire(SLICE_MS, TimeUnit.MILLISECONDS), work, execution);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      execution.warn(SqlState.WARNING.warning(work.kind() + " waited " + waited.toMillis() + " ms for its turn: "
          + "membership " + work.membershipId() + " runs at most " + (work.isJob() ? JOB_SLOTS + " protected job"
          : QUERY_SLOTS + " protected queries") + " at a time, and other statements of this JVM were using them"));
    }
    return slots::release;
  }

  /** Waits for the membership's start turn (held for the start call and what resolves a lost answer). */
  static Held startTurn(RemoteWork work, Execution execution) throws SQLException {
    ReentrantLock lock = START_LOCKS.computeIfAbsent(work.membershipId(), k -> new ReentrantLock(true));
    if (!lock.tryLock()) {
      await(() -> lock.tryLock(SLICE_MS, TimeUnit.MILLISECONDS), work, execution);
    }
    return lock::unlock;
  }

  private interface Attempt {
    boolean tryOnce() throws InterruptedException;
  }

  private static void await(Attempt attempt, RemoteWork work, Execution execution) throws SQLException {
    while (true) {
      execution.throwIfStopped(work.kind());
      try {
        if (attempt.tryOnce()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        execution.cancel(Execution.Stop.CANCELLED);
      }
    }
  }
}
