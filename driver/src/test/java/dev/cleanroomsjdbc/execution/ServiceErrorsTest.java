package dev.cleanroomsjdbc.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the service's error answers become for a JDBC user: an endpoint that answers every request with one
 * error shows the state, the service's code and message, and that the SDK retried as configured.
 */
@Timeout(60)
class ServiceErrorsTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "429, ThrottlingException,           53400, 2",
      "402, ServiceQuotaExceededException, 53000, 1",
      "500, InternalServerException,       XX000, 2",
      "403, AccessDeniedException,         28000, 1",
      "404, ResourceNotFoundException,     42704, 1",
      "400, ValidationException,           22023, 1",
  })
  void anErrorAnswerBecomesItsSqlStateWithTheServiceCode(int status, String errorType, String sqlState,
      int attempts) throws Exception {
    String url = answering(status, errorType, "{\"message\":\"the service said no\",\"resourceId\":\"m-1\","
        + "\"resourceType\":\"MEMBERSHIP\",\"quotaName\":\"q\",\"quotaValue\":1}");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, secret()));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(errorType), e.getMessage());
    assertTrue(e.getMessage().contains("the service said no"), e.getMessage());
    assertEquals(attempts, requests.get(), "requests the SDK sent with maxRetries=1");
    if (status == 429) {
      assertInstanceOf(SQLTransientException.class, e, "a throttled call may succeed later");
    }
  }

  private String answering(int status, String errorType, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Amzn-ErrorType", errorType);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    return "jdbc:cleanrooms://us-east-1/m-1?cleanRoomsEndpoint=" + endpoint + "&s3Endpoint=" + endpoint
        + "&credentials=STATIC&accessKeyId=AKIATEST&maxRetries=1";
  }

  private static Properties secret() {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", "test-secret");
    return p;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
