package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.engine.JobFailure;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ProtectedJob;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A job runtime that first checks every artifact of the job's template (the entry point and each additional
 * artifact) against the SHA-256 the template pinned, as the service does before it runs any code: a removed
 * artifact fails the job with {@code RESOURCE_NOT_FOUND}, a changed one with {@code INVALID_RESOURCE}.
 */
public final class PinnedArtifactsRuntime implements JobRuntime {
  private final JobRuntime delegate;
  private final ObjectSource objects;
  private final CleanRoomsState state;

  public PinnedArtifactsRuntime(JobRuntime delegate, ObjectSource objects, CleanRoomsState state) {
    this.delegate = delegate;
    this.objects = objects;
    this.state = state;
  }

  @Override
  public List<String> run(JobSpec spec, BooleanSupplier cancelled) throws JobFailure {
    Optional<AnalysisTemplate> template = templateOf(spec.jobId());
    if (template.isPresent()) {
      verifyArtifactsUnchanged(template.get());
    }
    return delegate.run(spec, cancelled);
  }

  /** Artifact rule: the entry point and every additional artifact still exist with the bytes approved. */
  void verifyArtifactsUnchanged(AnalysisTemplate template) throws JobFailure {
    if (template.entryPoint() != null && template.entryPointSha256() != null) {
      verifyUnchanged(template, "entry point", template.entryPoint(), template.entryPointSha256());
    }
    for (int i = 0; i < template.additionalArtifacts().size() && i < template.additionalArtifactSha256s().size();
        i++) {
      verifyUnchanged(template, "additional artifact", template.additionalArtifacts().get(i),
          template.additionalArtifactSha256s().get(i));
    }
  }

  private void verifyUnchanged(AnalysisTemplate template, String what, S3Location location, String pinned)
      throws JobFailure {
    byte[] bytes = objects.read(location).orElseThrow(() -> new JobFailure("RESOURCE_NOT_FOUND",
        "Artifact rule: the " + what + " " + location + " of analysis template " + template.name()
            + " no longer exists"));
    String now = TemplateService.sha256(bytes);
    if (!now.equals(pinned)) {
      throw new JobFailure("INVALID_RESOURCE", "Artifact rule: the " + what + " " + location
          + " of analysis template " + template.name() + " changed after the template was created (SHA-256 "
          + now + ", the template pinned " + pinned + "); create a new template for new code");
    }
  }

  private Optional<AnalysisTemplate> templateOf(String jobId) {
    return state.jobs().get(jobId)
        .map(ProtectedJob::snapshot)
        .flatMap(job -> Arns.templateId(job.analysisTemplateArn()))
        .flatMap(id -> state.templates().get(id));
  }
}
