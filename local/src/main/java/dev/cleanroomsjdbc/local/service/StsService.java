package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.state.Account;
import dev.cleanroomsjdbc.local.state.AccountRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Clean Rooms' stand-in for the calls that turn one identity into another, so that drivers and tools can
 * use roles and SSO against it without a network: STS AssumeRole and AssumeRoleWithWebIdentity, and the SSO
 * portal's GetRoleCredentials. A role or SSO role in a local account gives that account's own access key (with a
 * fresh session token), which is the identity every other local operation knows. As the local server does not
 * verify signatures, it trusts any web identity or SSO token that is not blank; the checks it does make are the
 * service's own request constraints (ARNs, session names, external ids, durations), each named after its rule.
 */
public final class StsService {
  private static final Logger LOG = LoggerFactory.getLogger(StsService.class);
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final int MIN_DURATION = 900;
  private static final int MAX_DURATION = 43_200;
  private static final int DEFAULT_DURATION = 3600;

  private final AccountRegistry accounts;

  public StsService(AccountRegistry accounts) {
    this.accounts = accounts;
  }

  /** Temporary credentials, and the identity they stand for. */
  public record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
      String assumedRoleArn, String assumedRoleId) {}

  /** A request STS or SSO refuses: its error code, HTTP status and message. */
  public static final class Refused extends RuntimeException {
    private final String code;
    private final int status;

    public Refused(String code, int status, String message) {
      super(message);
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }

  /** AssumeRole by a known caller. */
  public Issued assumeRole(Caller caller, String roleArn, String sessionName, String externalId, String duration) {
    verifySessionName(sessionName);
    if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      throw validation("ExternalId must be 2 to 1224 characters of [\\w+=,.@:/-]");
    }
    Issued issued = issue(roleArn, sessionName, duration);
    LOG.info("AssumeRole by account {}: {} as {}{}", caller.accountId(), roleArn, sessionName,
        externalId == null ? "" : " (with an external id)");
    return issued;
  }

  /** AssumeRoleWithWebIdentity: unsigned, the token stands for the caller. */
  public Issued assumeRoleWithWebIdentity(String roleArn, String sessionName, String token, String duration) {
    verifySessionName(sessionName);
    if (token == null || token.isBlank()) {
      throw new Refused("InvalidIdentityToken", 400, "The web identity token is missing or empty");
    }
    return issue(roleArn, sessionName, duration);
  }

  /** SSO GetRoleCredentials: the role of the SSO user in an account, for the bearer token {@code aws sso login} got. */
  public Issued roleCredentials(String accessToken, String accountId, String roleName) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new Refused("UnauthorizedException", 401, "Session token not found or invalid");
    }
    if (roleName == null || roleName.isBlank()) {
      throw new Refused("InvalidRequestException", 400, "role_name is required");
    }
    return issue("arn:aws:iam::" + accountId + ":role/" + roleName, "sso", null);
  }

  private Issued issue(String roleArn, String sessionName, String duration) {
    var m = roleArn == null ? null : ROLE_ARN.matcher(roleArn);
    if (m == null || !m.matches()) {
      throw validation("RoleArn must be the ARN of an IAM role, arn:aws:iam::<12-digit account>:role/<name>: "
          + roleArn);
    }
    int seconds = duration == null ? DEFAULT_DURATION : parseDuration(duration);
    String accountId = m.group(1);
    Account account = accounts.all().stream().filter(a -> a.accountId().equals(accountId)).findFirst()
        .orElseThrow(() -> new Refused("AccessDenied", 403, "Role " + roleArn + " is in account " + accountId
            + ", which the local Clean Rooms does not have"));
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    String roleId = "AROA" + UUID.nameUUIDFromBytes(roleArn.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString().replace("-", "").substring(0, 17).toUpperCase(java.util.Locale.ROOT);
    return new Issued(account.accessKeyId(), account.secretAccessKey(), "local-session-" + UUID.randomUUID(),
        Instant.now().plus(Duration.ofSeconds(seconds)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
        roleId + ":" + sessionName);
  }

  private static void verifySessionName(String sessionName) {
    if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
      throw validation("RoleSessionName must be 2 to 64 characters of [\\w+=,.@-]: " + sessionName);
    }
  }

  private static int parseDuration(String duration) {
    try {
      int seconds = Integer.parseInt(duration.trim());
      if (seconds >= MIN_DURATION && seconds <= MAX_DURATION) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    throw validation("DurationSeconds must be between " + MIN_DURATION + " and " + MAX_DURATION);
  }

  private static Refused validation(String message) {
    return new Refused("ValidationError", 400, message);
  }
}
