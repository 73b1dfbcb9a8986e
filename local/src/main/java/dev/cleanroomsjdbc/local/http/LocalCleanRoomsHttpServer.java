package dev.cleanroomsjdbc.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cleanroomsjdbc.local.faults.FaultInjector;
import dev.cleanroomsjdbc.local.faults.Faults;
import dev.cleanroomsjdbc.local.service.Caller;
import dev.cleanroomsjdbc.local.service.CleanRoomsError;
import dev.cleanroomsjdbc.local.state.AccountRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Clean Rooms endpoint: decodes restJson1 requests, dispatches them through the {@link Router}, and
 * writes outputs and errors the way the AWS SDK expects them.
 */
public final class LocalCleanRoomsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCleanRoomsHttpServer.class);

  private final HttpServer server;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private static final ServiceModel MODEL = ServiceModel.load();

  private final ExecutorService executor;
  private final Router router;
  private final InputValidator validator = new InputValidator(MODEL);
  private final CallerResolver callers;
  private final FaultInjector faults;
  /** Requests served, by operation name: what tests count to check that a client calls no more than it must. */
  private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> served =
      new java.util.concurrent.ConcurrentHashMap<>();

  private LocalCleanRoomsHttpServer(HttpServer server, ExecutorService executor, Router router,
      CallerResolver callers, FaultInjector faults) {
    this.server = server;
    this.executor = executor;
    this.router = router;
    this.callers = callers;
    this.faults = faults;
  }

  /**
   * Starts serving {@code api} on 127.0.0.1:{@code port} (0 picks a free port). Turns on
   * {@code sun.net.httpserver.nodelay} unless the JVM set it already (it only works before the first JDK server).
   */
  public static LocalCleanRoomsHttpServer start(int port, CleanRoomsApi api, AccountRegistry accounts)
      throws IOException {
    return start(port, api, accounts, new FaultInjector(Faults.none()));
  }

  /** As {@link #start(int, CleanRoomsApi, AccountRegistry)}, with every matched request passing the fault mode. */
  public static LocalCleanRoomsHttpServer start(int port, CleanRoomsApi api, AccountRegistry accounts,
      FaultInjector faults) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      // read once, when the JDK's server classes load: without it every response waits ~40 ms for a delayed ACK
      System.setProperty(NODELAY, "true");
    }
    // a deep accept queue: BI tools and concurrent statements open many connections at once
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "local-cleanrooms-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LocalCleanRoomsHttpServer local =
        new LocalCleanRoomsHttpServer(server, executor, api.router(), new CallerResolver(accounts), faults);
    HttpContext root = server.createContext("/", local::handle);
    StsRoutes.register(root, accounts);
    server.setExecutor(executor);
    startAsDaemon(server);
    LOG.info("local Clean Rooms listening on {}", local.endpoint());
    return local;
  }

  /**
   * Starts the server from a daemon thread: the JDK's dispatcher thread inherits its creator's daemon status, and
   * a non-daemon dispatcher would keep a program that uses {@code jdbc:cleanrooms:local} from exiting.
   */
  private static void startAsDaemon(HttpServer server) throws IOException {
    Thread starter = new Thread(server::start, "local-cleanrooms-http-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new IOException("interrupted while starting the local Clean Rooms", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    int status = 200;
    JsonNode out;
    Map<String, String> extraHeaders = new HashMap<>();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      Router.Match match = router.match(method, segments(rawPath))
          .orElseThrow(() -> CleanRoomsError.unknownOperation(method, rawPath));
      SignedRequest raw = new SignedRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders(), body);
      // As at AWS: who is calling first, then faults and the model's constraints, then the operation.
      Caller caller = callers.resolve(raw);
      ApiRequest request = new ApiRequest(match.labels(), query(raw.rawQuery()), parse(raw), caller, raw);
      Optional<ServiceModel.Operation> operation = MODEL.operationAt(match.route());
      Router.Handler handler = operation.map(op -> validator.validating(op, match.handler()))
          .orElse(match.handler());
      String name = operation.map(ServiceModel.Operation::name).orElse(match.route());
      served.computeIfAbsent(name, k -> new java.util.concurrent.atomic.LongAdder()).increment();
      out = new FaultyHandler(handler, name, faults).handle(request);
      if (out == null) {
        status = operation.map(ServiceModel.Operation::successCode).orElse(204);
      }
    } catch (CleanRoomsError e) {
      status = e.status();
      out = Json.MAPPER.valueToTree(e.fields());
      extraHeaders.put("X-Amzn-ErrorType", e.shape());
      LOG.debug("{} {} -> {} {}", method, rawPath, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", method, rawPath, e);
      CleanRoomsError internal = CleanRoomsError.internal("Internal error in the local Clean Rooms: " + e);
      status = internal.status();
      out = Json.MAPPER.valueToTree(internal.fields());
      extraHeaders.put("X-Amzn-ErrorType", internal.shape());
    }
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    extraHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (out == null) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    byte[] bytes = Json.MAPPER.writeValueAsBytes(out);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Decodes each segment on its own so that an encoded slash (%2F, as in template ARNs) stays in its label. */
  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The JSON body; an empty object when there is none or the body is not JSON (a form-encoded protocol's). */
  private static JsonNode parse(SignedRequest raw) {
    String type = raw.header("Content-Type");
    if (raw.body().length == 0 || type != null && type.startsWith("application/x-www-form-urlencoded")) {
      return Json.object();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(raw.body());
      if (node == null || !node.isObject()) {
        throw CleanRoomsError.validation("body", "The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw CleanRoomsError.validation("body", "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CleanRoomsError.validation("body", "The request body could not be read: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** How many requests of each operation this server has received since it started (faults included). */
  public java.util.Map<String, Long> requestCounts() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    served.forEach((op, n) -> counts.put(op, n.sum()));
    return counts;
  }
}
