package dev.cleanroomsjdbc.local.state;

import java.util.List;

/** A member of a collaboration as its creator declared it. */
public record CollaborationMember(String accountId, String displayName, List<String> abilities, boolean paysForQueries) {

  public CollaborationMember {
    abilities = List.copyOf(abilities);
  }
}
