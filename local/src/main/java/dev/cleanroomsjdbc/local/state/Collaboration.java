package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A collaboration: its settings and every member (the creator first); {@code dataEncryptionMetadata},
 * {@code autoApprovedChangeTypes} and {@code allowedResultRegions} are the JSON the creator sent ({@code null} when
 * absent). A collaboration saved before {@code updateTime} was kept reads it as
 * its {@code createTime}.
 */
public record Collaboration(
    String id,
    String arn,
    String name,
    String description,
    String creatorAccountId,
    String creatorDisplayName,
    Instant createTime,
    Instant updateTime,
    String queryLogStatus,
    String jobLogStatus,
    String analyticsEngine,
    List<CollaborationMember> members,
    JsonNode dataEncryptionMetadata,
    JsonNode autoApprovedChangeTypes,
    JsonNode allowedResultRegions) {

  public Collaboration {
    members = List.copyOf(members);
    updateTime = updateTime == null ? createTime : updateTime;
  }

  public Optional<CollaborationMember> member(String accountId) {
    return members.stream().filter(m -> m.accountId().equals(accountId)).findFirst();
  }

  public boolean hasMember(String accountId) {
    return member(accountId).isPresent();
  }
}
