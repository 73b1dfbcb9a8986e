package dev.cleanroomsjdbc.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import dev.cleanroomsjdbc.local.service.Caller;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import dev.cleanroomsjdbc.local.service.StsService;
import dev.cleanroomsjdbc.local.state.AccountRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * STS (query protocol: a form POSTed to {@code /}, answered in XML) and the SSO portal's GetRoleCredentials
 * ({@code GET /federation/credentials}, JSON) on the local Clean Rooms' own endpoint, in front of its Clean Rooms
 * routes (neither request is a Clean Rooms operation): point the SDK there with {@code AWS_ENDPOINT_URL_STS} and
 * {@code AWS_ENDPOINT_URL_SSO} (or a driver's {@code stsEndpoint}). {@link StsService} decides.
 */
public final class StsRoutes extends Filter {
  private static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final StsService service;
  private final CallerResolver callers;

  private StsRoutes(AccountRegistry accounts) {
    this.service = new StsService(accounts);
    this.callers = new CallerResolver(accounts);
  }

  /** Puts STS and the SSO portal in front of the Clean Rooms routes of {@code context} (the server's "/"). */
  static void register(HttpContext context, AccountRegistry accounts) {
    context.getFilters().add(new StsRoutes(accounts));
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (exchange.getRequestMethod().equals("POST") && (path.isEmpty() || path.equals("/")) && type != null
        && type.startsWith("application/x-www-form-urlencoded")) {
      sts(exchange);
    } else if (exchange.getRequestMethod().equals("GET") && path.equals("/federation/credentials")) {
      sso(exchange);
    } else {
      chain.doFilter(exchange);
    }
  }

  @Override
  public String description() {
    return "STS and the SSO portal of the local Clean Rooms";
  }

  private void sts(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    // AssumeRole is signed like any AWS call; the signature covers the form body as sent.
    SignedRequest signed = new SignedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    String action = form.getOrDefault("Action", "");
    try {
      StsService.Issued issued = switch (action) {
        case "AssumeRole" -> service.assumeRole(callerOf(signed), form.get("RoleArn"),
            form.get("RoleSessionName"), form.get("ExternalId"), form.get("DurationSeconds"));
        case "AssumeRoleWithWebIdentity" -> service.assumeRoleWithWebIdentity(form.get("RoleArn"),
            form.get("RoleSessionName"), form.get("WebIdentityToken"), form.get("DurationSeconds"));
        default -> throw new StsService.Refused("InvalidAction", 400, "The local STS has no action '" + action + "'");
      };
      send(exchange, 200, "text/xml", "<" + action + "Response xmlns=\"" + XMLNS + "\"><" + action + "Result>"
          + "<Credentials><AccessKeyId>" + xml(issued.accessKeyId()) + "</AccessKeyId><SecretAccessKey>"
          + xml(issued.secretAccessKey()) + "</SecretAccessKey><SessionToken>" + xml(issued.sessionToken())
          + "</SessionToken><Expiration>" + issued.expiration() + "</Expiration></Credentials>"
          + "<AssumedRoleUser><AssumedRoleId>" + xml(issued.assumedRoleId()) + "</AssumedRoleId><Arn>"
          + xml(issued.assumedRoleArn()) + "</Arn></AssumedRoleUser></" + action + "Result>"
          + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action
          + "Response>");
    } catch (StsService.Refused e) {
      send(exchange, e.status(), "text/xml", "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type>"
          + "<Code>" + xml(e.code()) + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error><RequestId>"
          + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }
  }

  /** {@code GET /federation/credentials?account_id=...&role_name=...} with the bearer token in a header. */
  private void sso(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    try {
      StsService.Issued issued = service.roleCredentials(exchange.getRequestHeaders().getFirst(
          "x-amz-sso_bearer_token"), query.get("account_id"), query.get("role_name"));
      send(exchange, 200, "application/json", Json.MAPPER.writeValueAsString(Map.of("roleCredentials", Map.of(
          "accessKeyId", issued.accessKeyId(), "secretAccessKey", issued.secretAccessKey(),
          "sessionToken", issued.sessionToken(), "expiration", issued.expiration().toEpochMilli()))));
    } catch (StsService.Refused e) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", e.code());
      send(exchange, e.status(), "application/json", Json.MAPPER.writeValueAsString(Map.of("message",
          e.getMessage())));
    }
  }

  private Caller callerOf(SignedRequest request) {
    try {
      return callers.resolve(request);
    } catch (CleanRoomsError e) {
      throw new StsService.Refused("InvalidClientTokenId", 403, e.getMessage());
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> out = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
