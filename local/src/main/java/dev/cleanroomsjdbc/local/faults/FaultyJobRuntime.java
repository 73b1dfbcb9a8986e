package dev.cleanroomsjdbc.local.faults;

import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link JobRuntime} decorator that fails a share of jobs, as the fault mode's job failure rate says. */
public final class FaultyJobRuntime implements JobRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(FaultyJobRuntime.class);

  private final JobRuntime delegate;
  private final FaultInjector faults;

  public FaultyJobRuntime(JobRuntime delegate, FaultInjector faults) {
    this.delegate = delegate;
    this.faults = faults;
  }

  @Override
  public List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure {
    Optional<String> code = faults.forJob();
    if (code.isPresent()) {
      LOG.info("protected job {}: injecting failure {}", spec.jobId(), code.get());
      throw new JobFailure(code.get(), "Failure injected by the local Clean Rooms' fault mode (jobFailureRate "
          + faults.faults().jobFailureRate() + "); the job did not run");
    }
    return delegate.run(spec, cancelled);
  }
}
