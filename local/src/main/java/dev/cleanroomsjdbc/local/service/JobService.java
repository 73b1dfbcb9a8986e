package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.engine.JobRuntime;
import dev.cleanroomsjdbc.local.engine.JobSpec;
import dev.cleanroomsjdbc.local.engine.TableSource;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.GlueTable;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.state.ProtectedJob;
import dev.cleanroomsjdbc.local.state.TableAssociation;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Protected jobs: the checks StartProtectedJob makes, listing, and cancellation; running is {@link JobRunner}'s. */
public final class JobService {
  static final String CONCURRENCY_QUOTA = "Concurrent protected jobs per membership";

  private final CleanRoomsState state;
  private final Access access;
  private final TableService tables;
  private final TemplateService templates;
  private final JobRunner runner;
  private final JobRules rules;

  public JobService(CleanRoomsState state, Access access, TableService tables, TemplateService templates,
      JobRuntime runtime) {
    this.state = state;
    this.access = access;
    this.tables = tables;
    this.templates = templates;
    this.runner = new JobRunner(runtime, state::now);
    this.rules = new JobRules(tables, new AssociationRuleService(state, tables));
  }

  public ProtectedJob.Snapshot start(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    if (!membership.can("CAN_RUN_JOB")) {
      throw CleanRoomsError.accessDenied("Membership " + membership.id() + " does not have the CAN_RUN_JOB ability");
    }
    String templateArn = Inputs.text(input.get("jobParameters"), "analysisTemplateArn");
    AnalysisTemplate template = verifyJobTemplate(membership, templateArn);
    String memberOutput = Inputs.text(input.path("resultConfiguration").path("outputConfiguration").get("member"),
        "accountId");
    verifyResultReceiverIsTemplateCreator(template, memberOutput);
    Map<String, TableSource> sources = verifyReferencedTables(template);
    Membership receiver = state.memberships().get(template.membershipId()).orElseThrow();
    JsonNode s3 = verifyResultConfiguration(receiver);
    String bucket = s3.get("bucket").asText();
    String keyPrefix = Inputs.text(s3, "keyPrefix");
    String jobId = state.newId();
    ProtectedJob job = new ProtectedJob(jobId, membership.id(), membership.arn(), receiver.accountId(),
        template.arn(), bucket, keyPrefix, memberOutput, Inputs.object(input, "computeConfiguration"), state.now());
    // The check and the insert are one step so that two concurrent starts cannot both pass the quota.
    boolean accepted = state.jobs().putIfNone(
        j -> j.membershipId().equals(membership.id()) && j.snapshot().active(), job);
    if (!accepted) {
      throw CleanRoomsError.quotaExceeded(CONCURRENCY_QUOTA, 1,
          "Membership " + membership.id() + " already has a protected job in progress (limit 1)");
    }
    S3Location resultPrefix = new S3Location(bucket, normalisedPrefix(keyPrefix) + jobId + "/");
    // The answer shows the job as submitted even if the runner picks it up before the response is written.
    ProtectedJob.Snapshot submitted = job.snapshot();
    runner.submit(job, new JobSpec(jobId, template.entryPoint(), sources, Map.of(), resultPrefix,
        template.additionalArtifacts()));
    return submitted;
  }

  /**
   * Result receiver rule: a job's results go to the template's creator, so a {@code member} output configuration
   * may name only that account.
   */
  static void verifyResultReceiverIsTemplateCreator(AnalysisTemplate template, String memberOutputAccountId) {
    if (memberOutputAccountId != null && !memberOutputAccountId.equals(template.creatorAccountId())) {
      throw CleanRoomsError.invalidConfiguration("Result receiver rule: the results of a protected job go to the"
          + " creator of its analysis template (account " + template.creatorAccountId() + "); the member output"
          + " configuration names account " + memberOutputAccountId);
    }
  }

  public ProtectedJob.Snapshot get(Caller caller, String membershipIdentifier, String jobIdentifier) {
    return find(caller, membershipIdentifier, jobIdentifier).snapshot();
  }

  /** Jobs of the membership, newest first, optionally only those with {@code status}. */
  public List<ProtectedJob.Snapshot> list(Caller caller, String membershipIdentifier, String status) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.jobs().where(j -> j.membershipId().equals(membership.id())).stream()
        .map(ProtectedJob::snapshot)
        .filter(s -> status == null || status.equals(s.status()))
        .sorted(Comparator.comparing(ProtectedJob.Snapshot::createTime).reversed())
        .toList();
  }

  public ProtectedJob.Snapshot update(Caller caller, String membershipIdentifier, String jobIdentifier,
      JsonNode input) {
    ProtectedJob job = find(caller, membershipIdentifier, jobIdentifier);
    try {
      job.requestCancel(state.now());
    } catch (IllegalStateException e) {
      throw CleanRoomsError.conflict("INVALID_STATE", job.id(), e.getMessage());
    }
    return job.snapshot();
  }

  /**
   * Stops every job still in progress, which ends FAILED (not CANCELLED: nobody cancelled it), and stops the
   * runner.
   */
  public void shutdown() {
    for (ProtectedJob job : state.jobs().where(j -> j.snapshot().active())) {
      job.interrupt(state.now());
    }
    runner.close();
  }

  /** The result location a successful job reports: {@code s3://bucket/keyPrefix/jobId/}. */
  static String normalisedPrefix(String keyPrefix) {
    String trimmed = keyPrefix == null ? "" : keyPrefix.replaceAll("^/+|/+$", "").replaceAll("/{2,}", "/");
    return trimmed.isEmpty() ? "" : trimmed + "/";
  }

  private ProtectedJob find(Caller caller, String membershipIdentifier, String jobIdentifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.jobs().get(jobIdentifier).filter(j -> j.membershipId().equals(membership.id()))
        .orElseThrow(() -> CleanRoomsError.notFound("PROTECTED_JOB", jobIdentifier,
            "Protected job " + jobIdentifier + " not found in membership " + membership.id()));
  }

  /** Job template rule: the ARN names a PYSPARK_1_0 template of the caller's collaboration. */
  private AnalysisTemplate verifyJobTemplate(Membership membership, String templateArn) {
    AnalysisTemplate template = templates.findInCollaboration(membership.collaborationId(), templateArn)
        .orElseThrow(() -> CleanRoomsError.validation("jobParameters.analysisTemplateArn",
            "analysis template " + templateArn + " does not exist in collaboration " + membership.collaborationId()));
    if (!template.isJob()) {
      throw CleanRoomsError.validation("jobParameters.analysisTemplateArn",
          "analysis template " + template.name() + " has format " + template.format()
              + "; protected jobs run PYSPARK_1_0 templates");
    }
    return template;
  }

  private Map<String, TableSource> verifyReferencedTables(AnalysisTemplate template) {
    Map<String, TableSource> sources = new LinkedHashMap<>();
    for (String alias : template.referencedTables()) {
      TableAssociation association = state.associations()
          .where(a -> a.collaborationId().equals(template.collaborationId()) && a.name().equals(alias))
          .stream().findFirst().orElseThrow(() -> CleanRoomsError.validation("schema.referencedTables",
              "table " + alias + " is no longer associated with the collaboration"));
      ConfiguredTable table = tables.tableOf(association);
      rules.verifyReferencedTable(alias, association, table, template);
      GlueTable glue = table.glueTable();
      sources.put(alias, new TableSource(alias, TableService.visibleColumns(table), glue.data(), glue.format()));
    }
    return sources;
  }

  /** Job result configuration rule: the receiver's membership has a default job result location in S3. */
  private static JsonNode verifyResultConfiguration(Membership receiver) {
    JsonNode config = receiver.defaultJobResultConfiguration();
    JsonNode s3 = config == null ? null : config.path("outputConfiguration").get("s3");
    if (s3 == null || !s3.hasNonNull("bucket")) {
      throw CleanRoomsError.invalidConfiguration("The result receiver's membership " + receiver.id()
          + " has no defaultJobResultConfiguration with an S3 output; set it with UpdateMembership");
    }
    return s3;
  }
}
