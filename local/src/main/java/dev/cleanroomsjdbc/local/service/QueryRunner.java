package dev.cleanroomsjdbc.local.service;

import com.google.common.util.concurrent.MoreExecutors;
import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.QueryRuntime;
import dev.cleanroomsjdbc.local.engine.QuerySpec;
import dev.cleanroomsjdbc.local.state.ProtectedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs submitted queries on named daemon threads, stops those that outlive the query timeout, records the end. */
final class QueryRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

  private final QueryRuntime runtime;
  private final Supplier<Instant> clock;
  private final Duration timeout;
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-cleanrooms-query-" + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  QueryRunner(QueryRuntime runtime, Supplier<Instant> clock, Duration timeout) {
    this.runtime = runtime;
    this.clock = clock;
    this.timeout = timeout;
  }

  void submit(ProtectedQuery query, QuerySpec spec) {
    executor.execute(() -> run(query, spec));
  }

  private void run(ProtectedQuery query, QuerySpec spec) {
    if (!query.markStarted()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    BooleanSupplier stop = () -> query.cancelRequested() || System.nanoTime() - deadline > 0;
    LOG.info("protected query {} started", query.id());
    try {
      query.markSucceeded(runtime.run(spec, stop), clock.get());
    } catch (CancellationException e) {
      if (query.cancelRequested()) {
        query.markCancelled(clock.get());
      } else {
        query.markTimedOut(clock.get());
      }
    } catch (JobFailure e) {
      query.markFailed(e.code(), e.getMessage(), clock.get());
    } catch (RuntimeException | Error e) {
      LOG.warn("protected query {} failed unexpectedly", query.id(), e);
      query.markFailed("INTERNAL_ERROR", "The query failed unexpectedly: " + e, clock.get());
    }
    LOG.info("protected query {} ended {}", query.id(), query.snapshot().status());
  }

  @Override
  public void close() {
    MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(10));
  }
}
