package dev.cleanroomsjdbc.local.service;

import com.google.common.util.concurrent.MoreExecutors;
import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.StorageFailures;
import dev.cleanroomsjdbc.local.state.ProtectedJob;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs submitted jobs on named daemon threads and records how each one ends. */
final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobRuntime runtime;
  private final Supplier<Instant> clock;
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-cleanrooms-job-" + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  JobRunner(JobRuntime runtime, Supplier<Instant> clock) {
    this.runtime = runtime;
    this.clock = clock;
  }

  void submit(ProtectedJob job, JobSpec spec) {
    executor.execute(() -> run(job, spec));
  }

  private void run(ProtectedJob job, JobSpec spec) {
    if (!job.markStarted()) {
      return;
    }
    LOG.info("protected job {} started: {}", job.id(), spec.entryPoint());
    try {
      runtime.run(spec, job::cancelRequested);
      job.markSucceeded(spec.resultPrefix().uri(), clock.get());
    } catch (CancellationException e) {
      job.markCancelled(clock.get());
    } catch (JobFailure e) {
      job.markFailed(e.code(), e.getMessage(), clock.get());
    } catch (RuntimeException | Error e) {
      // S3 refusing or missing something is the job's resources' fault, not the service's.
      JobFailure storage = StorageFailures.of(e).orElse(null);
      if (storage != null) {
        job.markFailed(storage.code(), storage.getMessage(), clock.get());
      } else {
        LOG.warn("protected job {} failed unexpectedly", job.id(), e);
        job.markFailed("INTERNAL_ERROR", "The job failed unexpectedly: " + e, clock.get());
      }
    }
    LOG.info("protected job {} ended {}", job.id(), job.snapshot().status());
  }

  @Override
  public void close() {
    MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(10));
  }
}
