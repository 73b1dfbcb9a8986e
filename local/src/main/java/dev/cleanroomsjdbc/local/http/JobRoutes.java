package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    ObjectNode s3 = node.putObject("resultConfiguration").putObject("outputConfiguration").putObject("s3")
        .put("bucket", s.resultBucket());
    Json.putOpt(s3, "keyPrefix", s.resultKeyPrefix());
    if (s.totalDurationMillis() != null) {
      node.putObject("statistics").put("totalDurationInMillis", s.totalDurationMillis());
    }
    if (s.resultLocation() != null) {
      node.putObject("result").putObject("output").putObject("s3").put("location", s.resultLocation());
    }
    if (s.errorCode() != null) {
      node.putObject("error").put("code", s.errorCode()).put("message", s.errorMessage());
    }
    return node;
  }
}
