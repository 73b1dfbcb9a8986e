package dev.cleanroomsjdbc.local.state;

/** A local AWS account: its 12-digit id and the access key pair that identifies its callers. */
public record Account(String accountId, String accessKeyId, String secretAccessKey) {

  public Account {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
  }

  @Override
  public String toString() {
    return "Account[" + accountId + ", accessKeyId=" + accessKeyId + "]";
  }
}
