package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.Billing;
import dev.cleanroomsjdbc.local.service.JobService;
import dev.cleanroomsjdbc.local.state.ProtectedJob.Snapshot;

/** Routes and views of protected jobs. */
final class JobRoutes {
  private final JobService service;

  JobRoutes(JobService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", "/memberships/{membershipIdentifier}/protectedJobs", r -> wrap("protectedJob",
            job(service.start(r.caller(), r.path("membershipIdentifier"), r.body()))))
        .add("GET", "/memberships/{membershipIdentifier}/protectedJobs", r -> Paging.page(r,
            service.list(r.caller(), r.path("membershipIdentifier"), r.query("status")), "protectedJobs",
            JobRoutes::summary))
        .add("GET", "/memberships/{membershipIdentifier}/protectedJobs/{protectedJobIdentifier}", r -> wrap(
            "protectedJob", job(service.get(r.caller(), r.path("membershipIdentifier"),
                r.path("protectedJobIdentifier")))))
        .add("PATCH", "/memberships/{membershipIdentifier}/protectedJobs/{protectedJobIdentifier}", r -> wrap(
            "protectedJob", job(service.update(r.caller(), r.path("membershipIdentifier"),
                r.path("protectedJobIdentifier"), r.body()))));
  }

  private static ObjectNode base(Snapshot s) {
    return Json.object()
        .put("id", s.id())
        .put("membershipId", s.membershipId())
        .put("membershipArn", s.membershipArn())
        .put("createTime", Json.time(s.createTime()))
        .put("status", s.status());
  }

  private static ObjectNode summary(Snapshot s) {
    ObjectNode node = base(s);
    node.putArray("receiverConfigurations").addObject()
        .put("analysisType", "DIRECT_ANALYSIS")
        .putObject("configurationDetails").putObject("directAnalysisConfigurationDetails")
        .putArray("receiverAccountIds").add(s.receiverAccountId());
    return node;
  }

  private static ObjectNode job(Snapshot s) {
    ObjectNode node = base(s);
    node.putObject("jobParameters").put("analysisTemplateArn", s.analysisTemplateArn());
    ObjectNode output = node.putObject("resultConfiguration").putObject("outputConfiguration");
    if (s.memberOutputAccountId() != null) {
      output.putObject("member").put("accountId", s.memberOutputAccountId());
    } else {
      Json.putOpt(output.putObject("s3").put("bucket", s.resultBucket()), "keyPrefix", s.resultKeyPrefix());
    }
    Json.putOpt(node, "computeConfiguration", s.computeConfiguration());
    if (s.totalDurationMillis() != null) {
      ObjectNode statistics = node.putObject("statistics").put("totalDurationInMillis", s.totalDurationMillis());
      statistics.putObject("billedResourceUtilization").put("units",
          Billing.crpuHours(s.computeConfiguration(), s.totalDurationMillis(), Billing.DEFAULT_JOB_WORKERS));
    }
    if (s.resultLocation() != null) {
      ObjectNode result = node.putObject("result").putObject("output");
      if (s.memberOutputAccountId() != null) {
        // The service names the receiving member; its results are under its own default job result location.
        result.putArray("memberList").addObject().put("accountId", s.memberOutputAccountId());
      } else {
        result.putObject("s3").put("location", s.resultLocation());
      }
    }
    if (s.errorCode() != null) {
      node.putObject("error").put("code", s.errorCode()).put("message", s.errorMessage());
    }
    return node;
  }
}
