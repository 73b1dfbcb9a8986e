package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A member of a collaboration as its creator declared it; {@code paymentConfiguration} is the JSON the creator sent
 * for it ({@code null} when absent, then only {@code paysForQueries} says who pays).
 */
public record CollaborationMember(String accountId, String displayName, List<String> abilities, boolean paysForQueries,
    JsonNode paymentConfiguration) {

  public CollaborationMember {
    abilities = List.copyOf(abilities);
  }

  public CollaborationMember(String accountId, String displayName, List<String> abilities, boolean paysForQueries) {
    this(accountId, displayName, abilities, paysForQueries, null);
  }
}
