package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.Enumerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams rows through a bounded queue of batches filled by one named daemon thread, so that reading S3
 * overlaps with the consumer while at most {@value #QUEUE_BATCHES} batches of {@value #BATCH_ROWS} rows wait
 * in memory.
 *
 * <p>A read failure takes the place of the row that could not be read: {@link #moveNext()} says there is one
 * more, and {@link #current()} throws. Consumers that look one row ahead (Linq4j's iterator under every JDBC
 * result set) would otherwise lose the last good row before the failure.
 */
final class PrefetchEnumerator implements Enumerator<Object[]> {

  static final String THREAD_PREFIX = "cleanrooms-result-reader-";
  static final int BATCH_ROWS = 1_000;
  static final int QUEUE_BATCHES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(PrefetchEnumerator.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final Object END = new Object();
  private static final long OFFER_POLL_MS = 50;
  private static final long JOIN_MS = 2_000;

  /** Produces every row of a result in order; returns normally at the end. */
  @FunctionalInterface
  interface Producer {
    void produce(RowConsumer out) throws SQLException, Stopped;
  }

  /** Takes rows from a producer; throws {@link Stopped} once the enumerator is closed. */
  interface RowConsumer {
    void accept(Object[] row) throws Stopped;

    /** True once the enumerator is closed, so that a failed read is an expected interruption. */
    boolean stopped();
  }

  /** Unwinds the producer once the consumer has closed the enumerator. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  private record Failure(SQLException error) {
  }

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Thread thread;
  private final Runnable onClose;
  private volatile boolean closed;
  private Object[][] batch;
  private int position;
  private Object[] current;
  private boolean done;
  private SQLException failed;

  PrefetchEnumerator(Producer producer, Runnable onClose) {
    this.onClose = onClose;
    this.thread = new Thread(() -> run(producer), THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Producer producer) {
    Object last;
    Batcher batcher = new Batcher();
    try {
      producer.produce(batcher);
      last = END;
    } catch (Stopped e) {
      return;
    } catch (SQLException e) {
      last = new Failure(e);
    } catch (Throwable e) { // an Error must still end the stream, or the consumer would wait forever
      last = new Failure(SqlState.RESULT_IO_ERROR.exception("Reading the result failed unexpectedly: " + e, e));
    }
    try {
      // the rows read before a failure still reach the consumer, then the failure
      batcher.flush();
      put(last);
    } catch (Stopped e) {
      // closed meanwhile: nobody is waiting for the end
    }
  }

  /** Groups rows into batches so that the queue hand-off costs once per batch, not once per row. */
  private final class Batcher implements RowConsumer {
    private final Object[][] pending = new Object[BATCH_ROWS][];
    private int count;

    @Override
    public void accept(Object[] row) throws Stopped {
      pending[count++] = row;
      if (count == BATCH_ROWS) {
        put(pending.clone());
        count = 0;
      }
    }

    @Override
    public boolean stopped() {
      return closed;
    }

    void flush() throws Stopped {
      if (count > 0) {
        put(Arrays.copyOf(pending, count));
        count = 0;
      }
    }
  }

  private void put(Object item) throws Stopped {
    try {
      while (!queue.offer(item, OFFER_POLL_MS, TimeUnit.MILLISECONDS)) {
        if (closed) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
    if (closed) {
      throw new Stopped();
    }
  }

  @Override
  public Object[] current() {
    if (failed != null) {
      throw new ResultReadException(failed);
    }
    return current;
  }

  @Override
  public boolean moveNext() {
    if (failed != null) {
      throw new ResultReadException(failed);
    }
    if (done || closed) {
      return false;
    }
    while (batch == null || position == batch.length) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ResultReadException(SqlState.QUERY_CANCELED.exception("Reading the result was interrupted"));
      }
      if (item == END) {
        finish();
        return false;
      }
      if (item instanceof Failure failure) {
        finish();
        failed = failure.error();
        return true;
      }
      batch = (Object[][]) item;
      position = 0;
    }
    current = batch[position];
    batch[position++] = null; // let consumed rows be collected while the batch is still referenced
    return true;
  }

  private void finish() {
    done = true;
    current = null;
    batch = null;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("A streamed result cannot be rewound; run the query again");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    finish();
    thread.interrupt();
    queue.clear();
    try {
      thread.join(JOIN_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Result reader thread {} did not stop within {} ms", thread.getName(), JOIN_MS);
    }
    onClose.run();
  }
}
