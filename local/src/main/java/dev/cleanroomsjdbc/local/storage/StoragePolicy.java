package dev.cleanroomsjdbc.local.storage;

import java.util.List;
import java.util.Optional;

/**
 * Who may do what in the local S3 besides the local Clean Rooms itself (whose own keys reach everything): the
 * accounts whose keys it accepts, and what each may do in a bucket. The Clean Rooms service layer implements it
 * from its state (registered accounts, bucket grants, results addressed to each account).
 */
public interface StoragePolicy {

  /** An account the local S3 accepts requests of, and the secret its requests must be signed with. */
  record Identity(String accountId, String secretAccessKey) {

    @Override
    public String toString() {
      return "Identity[" + accountId + "]";
    }
  }

  /**
   * What one account may do in one bucket: everything when it owns it, else read (and list) only the objects under
   * {@code readablePrefixes} (the results addressed to it).
   */
  record BucketRights(boolean owner, List<String> readablePrefixes) {

    public BucketRights {
      readablePrefixes = List.copyOf(readablePrefixes);
    }

    public boolean mayRead(String key) {
      return owner || readablePrefixes.stream().anyMatch(key::startsWith);
    }

    /** Whether a listing may show anything at all. */
    public boolean mayList() {
      return owner || !readablePrefixes.isEmpty();
    }

    /** Whether a listed key or common prefix may be shown: it lies in, or leads to, a readable prefix. */
    public boolean mayShow(String keyOrPrefix) {
      return owner || readablePrefixes.stream().anyMatch(p -> keyOrPrefix.startsWith(p) || p.startsWith(keyOrPrefix));
    }
  }

  Optional<Identity> identity(String accessKeyId);

  BucketRights rights(String accountId, String bucket);

  /** Tells the policy that {@code accountId} created {@code bucket} with its own keys, and so owns it. */
  void bucketCreated(String accountId, String bucket);

  /** A policy that knows no account: only the local Clean Rooms' own keys are accepted. */
  static StoragePolicy internalOnly() {
    return new StoragePolicy() {
      @Override
      public Optional<Identity> identity(String accessKeyId) {
        return Optional.empty();
      }

      @Override
      public BucketRights rights(String accountId, String bucket) {
        return new BucketRights(false, List.of());
      }

      @Override
      public void bucketCreated(String accountId, String bucket) {
      }
    };
  }
}
