package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One account's membership in a collaboration; the result configurations are kept as the JSON the caller sent, and
 * the ML abilities as the collaboration declared them ({@code null} when absent).
 */
public record Membership(
    String id,
    String arn,
    String accountId,
    String collaborationId,
    List<String> memberAbilities,
    String queryLogStatus,
    String jobLogStatus,
    JsonNode defaultResultConfiguration,
    JsonNode defaultJobResultConfiguration,
    JsonNode paymentConfiguration,
    Instant createTime,
    Instant updateTime,
    JsonNode mlMemberAbilities) {

  public Membership {
    memberAbilities = List.copyOf(memberAbilities);
  }

  public boolean can(String ability) {
    return memberAbilities.contains(ability);
  }

  /** A copy with new settings and a new update time. */
  public Membership updated(
      String newQueryLogStatus,
      String newJobLogStatus,
      JsonNode newDefaultResultConfiguration,
      JsonNode newDefaultJobResultConfiguration,
      Instant now) {
    return new Membership(id, arn, accountId, collaborationId, memberAbilities, newQueryLogStatus, newJobLogStatus,
        newDefaultResultConfiguration, newDefaultJobResultConfiguration, paymentConfiguration, createTime, now,
        mlMemberAbilities);
  }
}
