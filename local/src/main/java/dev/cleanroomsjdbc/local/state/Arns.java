package dev.cleanroomsjdbc.local.state;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds and reads Clean Rooms ARNs in the service's spelling. */
public final class Arns {
  private static final Pattern TEMPLATE =
      Pattern.compile("arn:aws:cleanrooms:[^:]*:\\d{12}:membership/([0-9a-f-]+)/analysistemplate/([0-9a-f-]+)");

  private Arns() {}

  public static String collaboration(String region, String account, String id) {
    return base(region, account) + "collaboration/" + id;
  }

  public static String membership(String region, String account, String id) {
    return base(region, account) + "membership/" + id;
  }

  public static String configuredTable(String region, String account, String id) {
    return base(region, account) + "configuredtable/" + id;
  }

  public static String association(String region, String account, String membershipId, String id) {
    return base(region, account) + "configuredtableassociation/" + membershipId + "/" + id;
  }

  public static String analysisTemplate(String region, String account, String membershipId, String id) {
    return base(region, account) + "membership/" + membershipId + "/analysistemplate/" + id;
  }

  /** The template id inside an analysis template ARN, if it is one. */
  public static Optional<String> templateId(String arn) {
    Matcher m = TEMPLATE.matcher(arn);
    return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
  }

  /** The last path segment of an ARN, or the identifier itself (identifiers accept ids and ARNs alike). */
  public static String idOf(String identifier) {
    if (identifier.startsWith("arn:")) {
      return identifier.substring(identifier.lastIndexOf('/') + 1);
    }
    return identifier;
  }

  private static String base(String region, String account) {
    return "arn:aws:cleanrooms:" + region + ":" + account + ":";
  }
}
