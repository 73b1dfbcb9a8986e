package dev.cleanroomsjdbc.local.state;

/**
 * Where a protected query's result goes, as the caller asked for it ({@code memberAccountId} set for a
 * {@code member} output, else {@code null}) and as it was resolved to an S3 target.
 */
public record QueryOutput(
    String memberAccountId,
    String receiverAccountId,
    String resultFormat,
    String bucket,
    String keyPrefix,
    boolean singleFileOutput) {}
