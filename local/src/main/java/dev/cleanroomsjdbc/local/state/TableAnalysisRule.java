package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An analysis rule of a configured table; the policy is kept as the JSON the caller sent. */
public record TableAnalysisRule(String configuredTableId, String type, JsonNode policy, Instant createTime) {}
