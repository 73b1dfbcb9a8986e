package dev.cleanroomsjdbc.local.http;

import dev.cleanroomsjdbc.local.service.Caller;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import dev.cleanroomsjdbc.local.state.Account;
import dev.cleanroomsjdbc.local.state.AccountRegistry;
import java.time.Clock;

/**
 * Finds the calling account as AWS does: the SigV4 {@code Authorization} header names an access key id, which must
 * belong to a registered account ({@code UnrecognizedClientException} otherwise), and the signature must be the one
 * that account's secret gives ({@code InvalidSignatureException} otherwise). The region of the credential scope
 * goes into the ARNs the caller creates.
 */
final class CallerResolver {
  private final AccountRegistry accounts;
  private final SigV4Verifier verifier;

  CallerResolver(AccountRegistry accounts) {
    this(accounts, Clock.systemUTC());
  }

  CallerResolver(AccountRegistry accounts, Clock clock) {
    this.accounts = accounts;
    this.verifier = new SigV4Verifier(clock);
  }

  Caller resolve(SignedRequest request) {
    SigV4Verifier.Authorization auth = SigV4Verifier.parse(request.header("Authorization"));
    Account account = accounts.byAccessKey(auth.accessKeyId()).orElseThrow(CleanRoomsError::unrecognizedClient);
    verifier.verify(request, auth, account.secretAccessKey());
    return new Caller(account.accountId(), auth.region());
  }
}
