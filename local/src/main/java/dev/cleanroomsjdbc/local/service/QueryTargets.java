package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.state.QueryOutput;

/**
 * Where a protected query's result goes: the caller's own S3 output, a member's default result configuration
 * ({@code member} output), or, with no result configuration, the caller's default.
 */
final class QueryTargets {
  private final CleanRoomsState state;

  QueryTargets(CleanRoomsState state) {
    this.state = state;
  }

  QueryOutput resolve(Membership caller, JsonNode resultConfiguration) {
    JsonNode output = resultConfiguration == null ? null : resultConfiguration.get("outputConfiguration");
    if (output == null) {
      verifyCanReceive(caller);
      return fromDefault(caller, null);
    }
    JsonNode s3 = Inputs.object(output, "s3");
    if (s3 != null) {
      verifyCanReceive(caller);
      return s3(s3, null, caller.accountId());
    }
    JsonNode member = Inputs.object(output, "member");
    if (member != null) {
      String accountId = Inputs.text(member, "accountId");
      Membership receiver = state.memberships()
          .where(m -> m.collaborationId().equals(caller.collaborationId()) && m.accountId().equals(accountId))
          .stream().findFirst().orElseThrow(() -> CleanRoomsError.validation(
              "resultConfiguration.outputConfiguration.member.accountId",
              "account " + accountId + " has no membership in the collaboration"));
      verifyCanReceive(receiver);
      return fromDefault(receiver, accountId);
    }
    throw CleanRoomsError.validation("resultConfiguration.outputConfiguration",
        "the local Clean Rooms supports s3 and member outputs (not distribute)");
  }

  private static QueryOutput fromDefault(Membership receiver, String memberAccountId) {
    JsonNode config = receiver.defaultResultConfiguration();
    JsonNode s3 = config == null ? null : config.path("outputConfiguration").get("s3");
    if (s3 == null || !s3.isObject()) {
      throw CleanRoomsError.invalidConfiguration("The result receiver's membership " + receiver.id()
          + " has no defaultResultConfiguration with an S3 output; set it with UpdateMembership or pass a"
          + " resultConfiguration");
    }
    return s3(s3, memberAccountId, receiver.accountId());
  }

  private static QueryOutput s3(JsonNode s3, String memberAccountId, String receiverAccountId) {
    // A membership default saved before the model was checked may lack a format: CSV, as the fixtures default it.
    String format = Inputs.text(s3, "resultFormat", "CSV");
    return new QueryOutput(memberAccountId, receiverAccountId, format, Inputs.text(s3, "bucket"),
        Inputs.text(s3, "keyPrefix"), Inputs.bool(s3, "singleFileOutput", false));
  }

  private static void verifyCanReceive(Membership receiver) {
    if (!receiver.can("CAN_RECEIVE_RESULTS")) {
      throw CleanRoomsError.invalidConfiguration("The membership " + receiver.id() + " of account "
          + receiver.accountId() + " does not have the CAN_RECEIVE_RESULTS ability");
    }
  }
}
