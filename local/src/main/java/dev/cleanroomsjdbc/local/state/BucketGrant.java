package dev.cleanroomsjdbc.local.state;

/**
 * An account's right to a bucket of the local S3, as owning it gives in AWS: the account created the bucket with
 * its own keys, or a fixture (or {@code LocalCleanRooms.grantBucket}) gave it the bucket its tables, code or results
 * live in.
 */
public record BucketGrant(String bucket, String accountId) {

  /** The key the grant is stored under. */
  public String key() {
    return bucket + "/" + accountId;
  }
}
