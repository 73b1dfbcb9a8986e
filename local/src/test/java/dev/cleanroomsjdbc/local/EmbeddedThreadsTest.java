package dev.cleanroomsjdbc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A program that uses jdbc:cleanrooms:local exits when its main returns: no server thread keeps the JVM alive. */
@Timeout(60)
class EmbeddedThreadsTest {

  @Test
  void aRunningLocalCleanRoomsHasOnlyDaemonThreads() {
    List<Thread> before = nonDaemonThreads();
    try (LocalCleanRooms local = LocalCleanRooms.builder().seedDemo(true).start()) {
      List<String> added = nonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
          .toList();
      assertEquals(List.of(), added, "non-daemon threads started by the local Clean Rooms");
    }
  }

  private static List<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).toList();
  }
}
