package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** getConnection ends within connectTimeoutSeconds whatever the endpoint does, the TLS handshake included. */
class ConnectTimeoutTest {

  @Test
  @Timeout(30)
  void anEndpointThatNeverAnswersFailsWithin08006AfterTheConnectTimeout() throws Exception {
    try (Silent silent = new Silent()) {
      assertFailsWithinTheTimeout("http://127.0.0.1:" + silent.port());
    }
  }

  @Test
  @Timeout(30)
  void httpsToAPlainHttpPortFailsAfterTheConnectTimeoutTooNotHangingInTheHandshake() throws Exception {
    try (Silent silent = new Silent()) {
      assertFailsWithinTheTimeout("https://127.0.0.1:" + silent.port());
    }
    URI plainHttp = URI.create(TestCollaboration.shared().url().replaceAll(".*cleanRoomsEndpoint=([^&]+).*", "$1"));
    assertFailsWithinTheTimeout("https://" + plainHttp.getHost() + ":" + plainHttp.getPort());
  }

  private static void assertFailsWithinTheTimeout(String endpoint) {
    String url = "jdbc:cleanrooms://us-east-1/m?credentials=STATIC&accessKeyId=AKIAX&cleanRoomsEndpoint=" + endpoint
        + "&connectTimeoutSeconds=2";
    long started = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "AKIAX", "secret"));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(seconds < 8, "getConnection took " + seconds + " s with connectTimeoutSeconds=2");
    assertEquals("08006", e.getSQLState(), e.toString());
  }

  /** A TCP server that accepts connections and never sends a byte. */
  private static final class Silent implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    Silent() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket s = server.accept();
            synchronized (accepted) {
              accepted.add(s);
            }
          }
        } catch (IOException closed) {
          // closed at the end of the test
        }
      }, "silent-endpoint");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (accepted) {
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
