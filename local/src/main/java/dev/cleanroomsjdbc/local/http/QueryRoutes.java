package dev.cleanroomsjdbc.local.http;

import static dev.cleanroomsjdbc.local.http.CollaborationRoutes.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.service.Billing;
import dev.cleanroomsjdbc.local.service.QueryService;
import dev.cleanroomsjdbc.local.state.ProtectedQuery.Snapshot;
import dev.cleanroomsjdbc.local.state.QueryOutput;

/** Routes and views of protected queries. */
final class QueryRoutes {
  private final QueryService service;

  QueryRoutes(QueryService service) {
    this.service = service;
  }

  void register(Router router) {
    router
        .add("POST", "/memberships/{membershipIdentifier}/protectedQueries", r -> wrap("protectedQuery",
            query(service.start(r.caller(), r.path("membershipIdentifier"), r.body()))))
        .add("GET", "/memberships/{membershipIdentifier}/protectedQueries", r -> Paging.page(r,
            service.list(r.caller(), r.path("membershipIdentifier"), r.query("status")), "protectedQueries",
            QueryRoutes::summary))
        .add("GET", "/memberships/{membershipIdentifier}/protectedQueries/{protectedQueryIdentifier}", r -> wrap(
            "protectedQuery", query(service.get(r.caller(), r.path("membershipIdentifier"),
                r.path("protectedQueryIdentifier")))))
        .add("PATCH", "/memberships/{membershipIdentifier}/protectedQueries/{protectedQueryIdentifier}", r -> wrap(
            "protectedQuery", query(service.update(r.caller(), r.path("membershipIdentifier"),
                r.path("protectedQueryIdentifier"), r.body()))));
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
        .putArray("receiverAccountIds").add(s.output().receiverAccountId());
    return node;
  }

  private static ObjectNode query(Snapshot s) {
    ObjectNode node = base(s);
    ObjectNode sql = node.putObject("sqlParameters");
    Json.putOpt(sql, "queryString", s.sqlParameters().queryString());
    Json.putOpt(sql, "analysisTemplateArn", s.sqlParameters().analysisTemplateArn());
    if (!s.sqlParameters().parameters().isEmpty()) {
      ObjectNode parameters = sql.putObject("parameters");
      s.sqlParameters().parameters().forEach(parameters::put);
    }
    QueryOutput output = s.output();
    ObjectNode outputConfiguration = node.putObject("resultConfiguration").putObject("outputConfiguration");
    if (output.memberAccountId() != null) {
      outputConfiguration.putObject("member").put("accountId", output.memberAccountId());
    } else {
      ObjectNode s3 = outputConfiguration.putObject("s3")
          .put("resultFormat", output.resultFormat())
          .put("bucket", output.bucket());
      Json.putOpt(s3, "keyPrefix", output.keyPrefix());
      s3.put("singleFileOutput", output.singleFileOutput());
    }
    Json.putOpt(node, "computeConfiguration", s.computeConfiguration());
    if (s.totalDurationMillis() != null) {
      ObjectNode statistics = node.putObject("statistics").put("totalDurationInMillis", s.totalDurationMillis());
      statistics.putObject("billedResourceUtilization").put("units",
          Billing.crpuHours(s.computeConfiguration(), s.totalDurationMillis(), Billing.DEFAULT_QUERY_WORKERS));
    }
    if (s.resultLocation() != null) {
      ObjectNode result = node.putObject("result").putObject("output");
      if (output.memberAccountId() != null) {
        // The service names the receiving member; the receiver finds the files under its own default location.
        result.putArray("memberList").addObject().put("accountId", output.memberAccountId());
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
