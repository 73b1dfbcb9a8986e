package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A collaboration analysis rule: the analysis rule of a configured table association, which limits who may
 * receive results from the table in this one collaboration; the policy is kept as the JSON the caller sent.
 */
public record AssociationAnalysisRule(
    String associationId, String membershipId, String type, JsonNode policy, Instant createTime) {}
