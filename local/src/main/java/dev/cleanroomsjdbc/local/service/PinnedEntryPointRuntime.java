package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ProtectedJob;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A job runtime that first checks the job's entry point against the SHA-256 its template pinned, as the service
 * does before it runs any code: a removed entry point fails the job with {@code RESOURCE_NOT_FOUND}, a changed
 * one with {@code INVALID_RESOURCE}.
 */
public final class PinnedEntryPointRuntime implements JobRuntime {
  private final JobRuntime delegate;
  private final ObjectSource objects;
  private final CleanRoomsState state;

  public PinnedEntryPointRuntime(JobRuntime delegate, ObjectSource objects, CleanRoomsState state) {
    this.delegate = delegate;
    this.objects = objects;
    this.state = state;
  }

  @Override
  public List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure {
    Optional<AnalysisTemplate> template = templateOf(spec.jobId());
    if (template.isPresent()) {
      verifyEntryPointUnchanged(template.get());
    }
    return delegate.run(spec, cancelled);
  }

  /** Artifact rule: the entry point must still exist with the bytes the collaboration approved. */
  void verifyEntryPointUnchanged(AnalysisTemplate template) throws JobFailure {
    if (template.entryPoint() == null || template.entryPointSha256() == null) {
      return;
    }
    byte[] bytes = objects.read(template.entryPoint()).orElseThrow(() -> new JobFailure("RESOURCE_NOT_FOUND",
        "Artifact rule: the entry point " + template.entryPoint() + " of analysis template " + template.name()
            + " no longer exists"));
    String now = TemplateService.sha256(bytes);
    if (!now.equals(template.entryPointSha256())) {
      throw new JobFailure("INVALID_RESOURCE", "Artifact rule: the entry point " + template.entryPoint()
          + " of analysis template " + template.name() + " changed after the template was created (SHA-256 "
          + now + ", the template pinned " + template.entryPointSha256() + "); create a new template for new code");
    }
  }

  private Optional<AnalysisTemplate> templateOf(String jobId) {
    return state.jobs().get(jobId)
        .map(ProtectedJob::snapshot)
        .flatMap(job -> Arns.templateId(job.analysisTemplateArn()))
        .flatMap(id -> state.templates().get(id));
  }
}
