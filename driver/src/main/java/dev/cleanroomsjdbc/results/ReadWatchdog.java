package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * Ends S3 reads whose thread was interrupted: a blocking socket read ignores interrupts, so a result reader that
 * is closed (which interrupts its thread) would otherwise wait out the read timeout. One daemon thread looks at
 * the reads in flight every {@value #CHECK_MS} ms and aborts those of interrupted threads.
 */
final class ReadWatchdog {
  static final long CHECK_MS = 50;
  private static final Map<Thread, ResponseInputStream<?>> IN_FLIGHT = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cleanrooms-s3-read-watchdog");
    t.setDaemon(true);
    return t;
  });

  static {
    TIMER.scheduleWithFixedDelay(ReadWatchdog::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  private ReadWatchdog() {}

  /** Reads from {@code body} on the calling thread, aborting it if the thread is interrupted meanwhile. */
  static int read(ResponseInputStream<?> body, byte[] buffer, int offset, int length) throws IOException {
    Thread self = Thread.currentThread();
    IN_FLIGHT.put(self, body);
    try {
      return body.read(buffer, offset, length);
    } finally {
      IN_FLIGHT.remove(self);
    }
  }

  private static void check() {
    IN_FLIGHT.forEach((thread, body) -> {
      if (thread.isInterrupted() && IN_FLIGHT.remove(thread, body)) {
        body.abort();
      }
    });
  }
}
