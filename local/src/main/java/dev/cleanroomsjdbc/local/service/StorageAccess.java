package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.state.BucketGrant;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.ProtectedJob;
import dev.cleanroomsjdbc.local.state.ProtectedQuery;
import dev.cleanroomsjdbc.local.storage.S3Location;
import dev.cleanroomsjdbc.local.storage.StoragePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local S3's access rules, read from the Clean Rooms state on every request: an account's keys are those it is
 * registered with, it owns the buckets granted to it (the buckets of its tables, code and results, or ones it
 * created), and it may read the results of every protected job and query addressed to it, wherever they were
 * written: the service writes them for the receiver, as AWS Clean Rooms does.
 */
public final class StorageAccess implements StoragePolicy {
  private final CleanRoomsState state;

  public StorageAccess(CleanRoomsState state) {
    this.state = state;
  }

  @Override
  public Optional<Identity> identity(String accessKeyId) {
    return state.accounts().byAccessKey(accessKeyId)
        .map(account -> new Identity(account.accountId(), account.secretAccessKey()));
  }

  @Override
  public BucketRights rights(String accountId, String bucket) {
    boolean owner = state.bucketGrants().get(new BucketGrant(bucket, accountId).key()).isPresent();
    List<String> results = new ArrayList<>();
    if (!owner) {
      for (ProtectedJob job : state.jobs().all()) {
        ProtectedJob.Snapshot s = job.snapshot();
        addResult(results, bucket, accountId, s.receiverAccountId(), s.resultLocation());
      }
      for (ProtectedQuery query : state.queries().all()) {
        ProtectedQuery.Snapshot s = query.snapshot();
        addResult(results, bucket, accountId, s.output().receiverAccountId(), s.resultLocation());
      }
    }
    return new BucketRights(owner, results);
  }

  private static void addResult(List<String> out, String bucket, String accountId, String receiver, String location) {
    if (location != null && accountId.equals(receiver)) {
      S3Location result = S3Location.parse(location);
      if (result.bucket().equals(bucket)) {
        out.add(result.key());
      }
    }
  }

  @Override
  public void bucketCreated(String accountId, String bucket) {
    grant(bucket, accountId);
  }

  /** Makes {@code accountId} an owner of {@code bucket}. */
  public void grant(String bucket, String accountId) {
    BucketGrant grant = new BucketGrant(bucket, accountId);
    state.bucketGrants().putIfNone(g -> g.key().equals(grant.key()), grant);
  }
}
