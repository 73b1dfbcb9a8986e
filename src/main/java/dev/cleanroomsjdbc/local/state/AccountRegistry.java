package dev.cleanroomsjdbc.local.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Maps access key ids to local accounts; the only source of caller identity (signatures are not verified). */
public final class AccountRegistry {
  private final Map<String, Account> byAccessKey = new ConcurrentHashMap<>();

  public void register(Account account) {
    byAccessKey.put(account.accessKeyId(), account);
  }

  public Optional<Account> byAccessKey(String accessKeyId) {
    return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKeyId));
  }
}
