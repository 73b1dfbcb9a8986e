package dev.cleanroomsjdbc.local.http;

import dev.cleanroomsjdbc.local.service.Caller;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import dev.cleanroomsjdbc.local.state.Account;
import dev.cleanroomsjdbc.local.state.AccountRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the calling account from the SigV4 {@code Authorization} header's credential scope. The signature itself
 * is not verified: the local server trusts the access key id, which is enough to tell local accounts apart.
 */
final class CallerResolver {
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/[^/,\\s]+/aws4_request");
  private static final String DEFAULT_REGION = "us-east-1";

  private final AccountRegistry accounts;

  CallerResolver(AccountRegistry accounts) {
    this.accounts = accounts;
  }

  Caller resolve(String authorization) {
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256")) {
      throw CleanRoomsError.accessDenied("Missing SigV4 Authorization header (AWS4-HMAC-SHA256)");
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    if (!m.find()) {
      throw CleanRoomsError.accessDenied("The Authorization header has no SigV4 credential scope");
    }
    String accessKeyId = m.group(1);
    Account account = accounts.byAccessKey(accessKeyId).orElseThrow(() -> CleanRoomsError.accessDenied(
        "The security token included in the request is invalid: unknown access key " + accessKeyId));
    String region = m.group(2).isEmpty() ? DEFAULT_REGION : m.group(2);
    return new Caller(account.accountId(), region);
  }
}
