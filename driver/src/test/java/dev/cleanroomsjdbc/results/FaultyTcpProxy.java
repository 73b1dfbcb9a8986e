package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an S3 server that breaks the answers of its next few connections once they have carried
 * a given number of bytes: resets them, ends them early, or stops forwarding (a stall), as flaky networks do.
 */
final class FaultyTcpProxy implements AutoCloseable {

  /** What happens to a connection's answer once it has carried {@code afterBytes}. */
  enum Fault { RESET, CUT, STALL }

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private volatile Fault fault = Fault.RESET;
  private volatile long afterBytes = Long.MAX_VALUE;
  private volatile boolean closed;

  FaultyTcpProxy(URI target) throws IOException {
    this.upstream = new InetSocketAddress(target.getHost(), target.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "faulty-tcp-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Breaks the next {@code connections} connections that carry more than {@code bytes} of answer. */
  void breakNext(int connections, Fault how, long bytes) {
    fault = how;
    afterBytes = bytes;
    faultsLeft.set(connections);
  }

  /** Stops breaking connections (stalled ones stay stalled until their client gives up). */
  void heal() {
    faultsLeft.set(0);
  }

  /** How many connections were broken so far. */
  int injected() {
    return injected.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket origin = new Socket();
        origin.connect(upstream, 5_000);
        sockets.add(client);
        sockets.add(origin);
        pump(client, origin, false);
        pump(origin, client, true);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answer) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      long carried = 0;
      boolean armed = false;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (answer && !armed && carried + n > afterBytes && faultsLeft.getAndUpdate(f -> Math.max(0, f - 1)) > 0) {
            armed = true;
          }
          if (armed) {
            int keep = (int) Math.max(0, Math.min(n, afterBytes - carried));
            out.write(buffer, 0, keep);
            out.flush();
            injected.incrementAndGet();
            breakConnection(from, to);
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
          carried += n;
        }
      } catch (IOException e) {
        // either side went away: close both
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "faulty-tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void breakConnection(Socket origin, Socket client) throws IOException {
    switch (fault) {
      case RESET -> {
        client.setSoLinger(true, 0); // close with RST, not FIN
        client.close();
        origin.close();
      }
      case CUT -> {
        client.close();
        origin.close();
      }
      case STALL -> {
        // forward nothing more: the client sees an open, silent connection until it gives up and closes it
        while (!client.isClosed() && !closed) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        origin.close();
      }
      default -> throw new IllegalStateException(fault.name());
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
