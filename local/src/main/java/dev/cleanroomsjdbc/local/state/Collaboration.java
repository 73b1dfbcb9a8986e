package dev.cleanroomsjdbc.local.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A collaboration: its settings and every member (the creator first). */
public record Collaboration(
    String id,
    String arn,
    String name,
    String description,
    String creatorAccountId,
    String creatorDisplayName,
    Instant createTime,
    String queryLogStatus,
    String jobLogStatus,
    String analyticsEngine,
    List<CollaborationMember> members) {

  public Collaboration {
    members = List.copyOf(members);
  }

  public Optional<CollaborationMember> member(String accountId) {
    return members.stream().filter(m -> m.accountId().equals(accountId)).findFirst();
  }

  public boolean hasMember(String accountId) {
    return member(accountId).isPresent();
  }
}
