package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A member of a collaboration as its creator declared it; {@code paymentConfiguration} and {@code mlAbilities} are
 * the JSON the creator sent for it ({@code null} when absent). {@code paysForQueries} and {@code paysForJobs} say
 * who pays once the collaboration's defaults are applied (the member who can query, when nobody was named).
 */
public record CollaborationMember(String accountId, String displayName, List<String> abilities, boolean paysForQueries,
    JsonNode paymentConfiguration, JsonNode mlAbilities, boolean paysForJobs) {

  public CollaborationMember {
    abilities = List.copyOf(abilities);
  }
}
