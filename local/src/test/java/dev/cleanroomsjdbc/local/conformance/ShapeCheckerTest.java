package dev.cleanroomsjdbc.local.conformance;

import dev.cleanroomsjdbc.local.http.ServiceModel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance checker itself: it reports each kind of departure from the model, and nothing for a good body. */
class ShapeCheckerTest {
  private static final ShapeChecker CHECKER = new ShapeChecker(ServiceModel.load());

  private static List<String> check(String operation, String json) throws IOException {
    return CHECKER.checkOutput(operation, new ObjectMapper().readTree(json.replace('\'', '"')));
  }

  @Test
  void aConformingBodyHasNoViolations() throws IOException {
    assertEquals(List.of(), check("GetSchemaAnalysisRule", "{'analysisRule': {'collaborationId': 'c', 'type': 'CUSTOM',"
        + " 'name': 't', 'createTime': 1.5, 'updateTime': 2, 'policy': {'v1': {'custom': {'allowedAnalyses': []}}}}}"));
  }

  @Test
  void missingRequiredMembersAreReported() throws IOException {
    assertEquals(List.of("$.analysisRule: AnalysisRule is missing required member policy"),
        check("GetSchemaAnalysisRule", "{'analysisRule': {'collaborationId': 'c', 'type': 'CUSTOM', 'name': 't',"
            + " 'createTime': 1, 'updateTime': 2}}"));
  }

  @Test
  void membersOutsideTheShapeAreReported() throws IOException {
    assertEquals(List.of("$: ListMembershipsOutput has no member extra"),
        check("ListMemberships", "{'membershipSummaries': [], 'extra': 1}"));
  }

  @Test
  void enumValuesOutsideTheEnumAreReported() throws IOException {
    assertEquals(List.of("$.protectedJobs[0].status: RUNNING_LATE is not a value of enum ProtectedJobStatus "
        + "[\"SUBMITTED\",\"STARTED\",\"CANCELLED\",\"CANCELLING\",\"FAILED\",\"SUCCESS\"]"),
        check("ListProtectedJobs", "{'protectedJobs': [{'id': 'j', 'membershipId': 'm', 'membershipArn': 'a',"
            + " 'createTime': 1, 'status': 'RUNNING_LATE', 'receiverConfigurations': []}]}"));
  }

  @Test
  void timestampsMustBeNumbers() throws IOException {
    assertEquals(List.of("$.memberSummaries[0].createTime: expected Timestamp (epoch seconds number) but got STRING"
        + " \"2025-03-01T00:00:00Z\""),
        check("ListMembers", "{'memberSummaries': [{'accountId': '111111111111', 'status': 'ACTIVE',"
            + " 'displayName': 'x', 'abilities': [], 'createTime': '2025-03-01T00:00:00Z', 'updateTime': 1,"
            + " 'paymentConfiguration': {'queryCompute': {'isResponsible': true}}}]}"));
  }

  @Test
  void unionsMustSetExactlyOneMember() throws IOException {
    assertEquals(List.of("$.analysisRule.policy: union AnalysisRulePolicy must set exactly one member but sets 0"),
        check("GetSchemaAnalysisRule", "{'analysisRule': {'collaborationId': 'c', 'type': 'CUSTOM', 'name': 't',"
            + " 'createTime': 1, 'updateTime': 2, 'policy': {}}}"));
  }
}
