package dev.cleanroomsjdbc.local.http;

import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) as AWS front ends do for every
 * service but S3: the canonical URI is the path as sent, percent-encoded once more (what the AWS SDKs and botocore
 * sign), the canonical query is sorted and re-encoded, the payload hash is {@code x-amz-content-sha256} or the
 * SHA-256 of the body, and the request time must be within 15 minutes of the server's clock.
 */
final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The parts of a SigV4 Authorization header. */
  record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
      String signature) {

    String scope() {
      return date + "/" + region + "/" + service + "/aws4_request";
    }
  }

  private final Clock clock;

  SigV4Verifier(Clock clock) {
    this.clock = clock;
  }

  /** Parses the header; a header that is not a complete SigV4 one is IncompleteSignatureException. */
  static Authorization parse(String header) {
    if (header == null || header.isBlank()) {
      throw CleanRoomsError.missingAuthenticationToken();
    }
    if (!header.startsWith(ALGORITHM + " ")) {
      throw CleanRoomsError.incompleteSignature("Authorization header requires the " + ALGORITHM + " algorithm");
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : header.substring(ALGORITHM.length()).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    String credential = parts.get("Credential");
    String[] scope = credential == null ? new String[0] : credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4]) || parts.get("SignedHeaders") == null
        || parts.get("Signature") == null) {
      throw CleanRoomsError.incompleteSignature("Authorization header requires 'Credential' (key/date/region/service"
          + "/aws4_request), 'SignedHeaders' and 'Signature' parameters");
    }
    return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(parts.get("SignedHeaders").split(";")),
        parts.get("Signature"));
  }

  /** Fails with InvalidSignatureException unless {@code request} was signed with {@code secret}. */
  void verify(SignedRequest request, Authorization auth, String secret) {
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw CleanRoomsError.incompleteSignature("Authorization header requires existence of a 'X-Amz-Date' header");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw CleanRoomsError.incompleteSignature("X-Amz-Date must be an ISO 8601 basic date-time: " + amzDate);
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw CleanRoomsError.invalidSignature("Signature expired: " + amzDate + " is not within 15 minutes of "
          + AMZ_DATE.format(now));
    }
    if (!amzDate.startsWith(auth.date())) {
      throw CleanRoomsError.invalidSignature("Credential should be scoped to a valid date: " + auth.date()
          + " is not the date of X-Amz-Date " + amzDate);
    }
    String canonical = canonicalRequest(request, auth.signedHeaders());
    String toSign = ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n" + hex(sha256(bytes(canonical)));
    byte[] key = hmac(bytes("AWS4" + secret), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, "aws4_request");
    byte[] expected = bytes(hex(hmac(key, toSign)));
    if (!MessageDigest.isEqual(expected, bytes(auth.signature()))) {
      throw CleanRoomsError.invalidSignature("The request signature we calculated does not match the signature you"
          + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.");
    }
  }

  static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.headers().getOrDefault(name, List.of());
      headers.append(name).append(':')
          .append(values.stream().map(v -> v.trim().replaceAll("\\s+", " ")).collect(Collectors.joining(",")))
          .append('\n');
    }
    String payload = request.header("x-amz-content-sha256");
    return request.method() + "\n"
        + (request.rawPath().isEmpty() ? "/" : encode(request.rawPath(), true)) + "\n"
        + canonicalQuery(request.rawQuery()) + "\n"
        + headers + "\n"
        + String.join(";", signedHeaders) + "\n"
        + (payload != null ? payload : hex(sha256(request.body())));
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      pairs.add(new String[] {encode(name, false), encode(value, false)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters (and {@code /} when asked). */
  static String encode(String value, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '-' || c == '_' || c == '.' || c == '~';
      if (unreserved || keepSlash && c == '/') {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
