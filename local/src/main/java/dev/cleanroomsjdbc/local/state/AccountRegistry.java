package dev.cleanroomsjdbc.local.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps access key ids to local accounts and their secrets, which the Clean Rooms API and the local S3 verify every
 * request's SigV4 signature with.
 */
public final class AccountRegistry {
  private final Map<String, Account> byAccessKey = new ConcurrentHashMap<>();
  private final Runnable changed;

  public AccountRegistry() {
    this(() -> { });
  }

  AccountRegistry(Runnable changed) {
    this.changed = changed;
  }

  public void register(Account account) {
    // Registering the same account again (a restart re-registering the demo accounts) is not a change to save.
    if (!account.equals(byAccessKey.put(account.accessKeyId(), account))) {
      changed.run();
    }
  }

  public Optional<Account> byAccessKey(String accessKeyId) {
    return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKeyId));
  }

  /** Every registered account. */
  public List<Account> all() {
    return List.copyOf(byAccessKey.values());
  }
}
