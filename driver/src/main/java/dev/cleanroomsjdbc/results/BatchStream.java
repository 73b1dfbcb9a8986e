package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.SqlState;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of a result in order, decoded by several named daemon threads at once: each thread takes the next
 * file not taken yet and decodes it into a bounded queue of its own, and the reader drains the files' queues in
 * file order, so rows come out exactly as the files list them. Memory stays bounded whatever the result's size: a
 * thread may start a file only while it is at most {@code threads} files ahead of the one being read, and each
 * file holds at most {@value #QUEUE_BATCHES} decoded batches (plus the row group its thread is reading).
 *
 * <p>A failure takes the place of the batch that could not be decoded, after every batch before it: {@link #next()}
 * throws it, so a reader never mistakes a failed read for the end of the result.
 */
public final class BatchStream implements AutoCloseable {
  static final String THREAD_PREFIX = "cleanrooms-result-decoder-";
  static final int QUEUE_BATCHES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(BatchStream.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final Object END = new Object();
  private static final long OFFER_POLL_MS = 50;
  private static final long JOIN_MS = 2_000;

  /** Decodes one file into batches. */
  interface FileDecoder extends AutoCloseable {
    /**
     * Fills {@code batch} with the next rows of the file; false (and an empty batch) at its end. A decoder that
     * holds a large block in memory while it decodes it (a Parquet row group) takes its size from {@code memory}
     * first and gives it back when done with it.
     */
    boolean fill(ColumnBatch batch, Memory memory) throws IOException, SQLException;

    @Override
    void close() throws IOException;
  }

  /** Opens the decoder of one file of the result. */
  interface Opener {
    FileDecoder open(ResultFile file) throws IOException, SQLException;
  }

  /** The bytes the decoders of one stream may hold in row groups at once. */
  interface Memory {
    /** Waits until {@code bytes} fit (or the file is the one being read, which never waits). */
    void take(long bytes) throws IOException;

    void give(long bytes);
  }

  private record Failure(SQLException error) {}

  private final List<ResultFile> files;
  private final Opener opener;
  private final ColumnBatch.Kind[] kinds;
  private final BlockingQueue<Object>[] queues;
  private final Thread[] threads;
  private final Queue<ColumnBatch> free = new ConcurrentLinkedQueue<>();
  private final AtomicInteger nextFile = new AtomicInteger();
  private final Object progress = new Object();
  private final Runnable onClose;
  private final long memoryBudget;
  private long memoryInUse; // guarded by progress
  private volatile int reading;
  private volatile boolean closed;
  private volatile boolean failed;
  private SQLException failure;

  @SuppressWarnings("unchecked")
  /** @param memoryBudget the bytes of row groups the threads may hold at once (one of them may always go on) */
  BatchStream(List<ResultFile> files, ColumnBatch.Kind[] kinds, int threads, long memoryBudget, Opener opener,
      Runnable onClose) {
    this.files = List.copyOf(files);
    this.memoryBudget = memoryBudget;
    this.kinds = kinds;
    this.opener = opener;
    this.onClose = onClose;
    this.queues = new BlockingQueue[this.files.size()];
    for (int f = 0; f < queues.length; f++) {
      queues[f] = new ArrayBlockingQueue<>(QUEUE_BATCHES + 1); // the batches and END or the failure
    }
    int n = Math.max(1, Math.min(threads, this.files.size()));
    this.threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      this.threads[t] = new Thread(this::decode, THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
      this.threads[t].setDaemon(true);
      this.threads[t].start();
    }
  }

  /** The decoder threads this stream runs. */
  public int threads() {
    return threads.length;
  }

  private void decode() {
    int f;
    while (!closed && !failed && (f = nextFile.getAndIncrement()) < files.size()) {
      try {
        awaitTurn(f);
        decodeFile(f);
      } catch (Stopped e) {
        return;
      }
    }
  }

  /** Waits until file {@code f} is within {@code threads} files of the one being read. */
  private void awaitTurn(int f) throws Stopped {
    synchronized (progress) {
      while (f > reading + threads.length) {
        if (closed) {
          throw new Stopped();
        }
        try {
          progress.wait(OFFER_POLL_MS);
        } catch (InterruptedException e) {
          throw new Stopped();
        }
      }
    }
  }

  private void decodeFile(int f) throws Stopped {
    Object last = END;
    ResultFile file = files.get(f);
    Memory memory = memoryFor(f);
    try (FileDecoder decoder = opener.open(file)) {
      while (true) {
        ColumnBatch batch = batch();
        if (!decoder.fill(batch, memory)) {
          free.offer(batch);
          break;
        }
        put(f, batch);
      }
    } catch (Stopped e) {
      throw e;
    } catch (SQLException e) {
      last = new Failure(e);
    } catch (IOException | RuntimeException e) {
      if (closed) {
        throw new Stopped(); // an interrupted read after close is expected, not an error
      }
      last = new Failure(ResultReader.fileError(file, e));
    } catch (Throwable e) { // an Error must still end the stream, or the reader would wait forever
      last = new Failure(SqlState.RESULT_IO_ERROR.exception("Reading result file " + file.uri()
          + " failed unexpectedly: " + e, e));
    }
    if (last != END) {
      failed = true;
    }
    put(f, last);
  }

  /**
   * The memory bound as file {@code f}'s decoder sees it: it waits while what the other threads hold leaves no
   * room, unless {@code f} is the file being read, which always goes on (the reader waits for it, and the
   * others wait for the reader), so the bound is exceeded by one row group at most and never deadlocks.
   */
  private Memory memoryFor(int f) {
    return new Memory() {
      @Override
      public void take(long bytes) throws IOException {
        synchronized (progress) {
          while (memoryInUse > 0 && memoryInUse + bytes > memoryBudget && f != reading) {
            if (closed) {
              throw new java.io.InterruptedIOException("the result was closed");
            }
            try {
              progress.wait(OFFER_POLL_MS);
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException("the result was closed");
            }
          }
          memoryInUse += bytes;
        }
      }

      @Override
      public void give(long bytes) {
        synchronized (progress) {
          memoryInUse -= bytes;
          progress.notifyAll();
        }
      }
    };
  }

  private ColumnBatch batch() {
    ColumnBatch b = free.poll();
    return b != null ? b : new ColumnBatch(kinds, ColumnBatch.CAPACITY);
  }

  private void put(int f, Object item) throws Stopped {
    try {
      while (!queues[f].offer(item, OFFER_POLL_MS, TimeUnit.MILLISECONDS)) {
        if (closed) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      throw new Stopped();
    }
    if (closed) {
      throw new Stopped();
    }
  }

  /**
   * The next batch, waiting for it to be decoded; null after the last. {@code done} (the batch the caller has
   * finished with, or null) is reused for later batches.
   */
  public ColumnBatch next(ColumnBatch done) throws SQLException {
    if (done != null) {
      free.offer(done);
    }
    if (failure != null) {
      throw failure;
    }
    while (!closed && reading < queues.length) {
      Object item;
      try {
        item = queues[reading].take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SqlState.QUERY_CANCELED.exception("Reading the result was interrupted");
      }
      if (item instanceof ColumnBatch batch) {
        return batch;
      }
      if (item instanceof Failure f) {
        failure = f.error();
        close();
        throw failure;
      }
      synchronized (progress) {
        reading++;
        progress.notifyAll();
      }
    }
    return null;
  }

  /** Stops the decoder threads (waiting for them a bounded time) and drops what they decoded. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(JOIN_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("Result decoder thread {} did not stop within {} ms", t.getName(), JOIN_MS);
      }
    }
    for (BlockingQueue<Object> q : queues) {
      q.clear();
    }
    free.clear();
    onClose.run();
  }

  /** Unwinds a decoder thread once the stream is closed. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }
}
