package dev.cleanroomsjdbc.local.state;

import java.time.Instant;

/** A configured table associated with a membership under the name (alias) the collaboration sees it by. */
public record TableAssociation(
    String id,
    String arn,
    String membershipId,
    String collaborationId,
    String configuredTableId,
    String name,
    String description,
    String roleArn,
    Instant createTime) {}
