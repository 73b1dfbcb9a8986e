package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQuery;
import software.amazon.awssdk.services.cleanrooms.model.ProtectedQueryType;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;

/** The server-side query timeout: a query that runs past it ends TIMED_OUT without a result. */
@Timeout(60)
class ProtectedQueryTimeoutTest {

  @Test
  void queryRunningPastTheTimeoutEndsTimedOut() {
    // 1 ms is shorter than Calcite takes to plan any query, so the timeout is reached on every run.
    try (LocalCleanRooms local = LocalCleanRooms.builder().queryTimeout(Duration.ofMillis(1)).start()) {
      local.registerAccount("333333333333", "AKIALOCALANALYST0001", "secret");
      local.s3().createBucket("results");
      try (CleanRoomsClient client = DemoCollaboration.client(local.endpoint(), "AKIALOCALANALYST0001", "secret")) {
        String collaborationId = client.createCollaboration(b -> b.name("solo").description("solo").creatorDisplayName("analyst")
            .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS)
            .members(List.of()).queryLogStatus(CollaborationQueryLogStatus.DISABLED))
            .collaboration().id();
        String membershipId = client.createMembership(b -> b.collaborationIdentifier(collaborationId)
            .queryLogStatus(MembershipQueryLogStatus.DISABLED)).membership().id();
        String queryId = client.startProtectedQuery(b -> b.membershipIdentifier(membershipId)
            .type(ProtectedQueryType.SQL).sqlParameters(p -> p.queryString("SELECT 1 AS one"))
            .resultConfiguration(r -> r.outputConfiguration(o -> o.s3(s -> s.resultFormat(ResultFormat.PARQUET)
                .bucket("results"))))).protectedQuery().id();
        ProtectedQuery query = client.getProtectedQuery(b -> b.membershipIdentifier(membershipId)
            .protectedQueryIdentifier(queryId)).protectedQuery();
        while (!ProtectedQueryTest.ENDED.contains(query.statusAsString())) {
          ProtectedQueryTest.sleep();
          query = client.getProtectedQuery(b -> b.membershipIdentifier(membershipId)
              .protectedQueryIdentifier(queryId)).protectedQuery();
        }
        assertEquals("TIMED_OUT", query.statusAsString());
        assertNull(query.result());
      }
    }
  }
}
