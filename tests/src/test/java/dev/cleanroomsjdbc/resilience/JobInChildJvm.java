package dev.cleanroomsjdbc.resilience;

import dev.cleanroomsjdbc.driver.CleanRoomsStatement;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

/**
 * A program run in a child JVM by {@link OrphanTest}: runs {@code CALL demo.slow()} on the URL it is given (the
 * secret comes in the environment), prints {@code STARTED <job id>} once the job runs, and calls System.exit when
 * a line {@code exit} arrives on stdin; the test may instead end the JVM with SIGTERM.
 */
public final class JobInChildJvm {
  private JobInChildJvm() {}

  public static void main(String[] args) throws Exception {
    Thread commands = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("exit")) {
            System.exit(3);
          }
        }
      } catch (java.io.IOException e) {
        // the parent went away
      }
    }, "commands");
    commands.setDaemon(true);
    commands.start();
    Properties p = new Properties();
    p.setProperty("secretAccessKey", System.getenv("CLEANROOMS_TEST_SECRET"));
    try (Connection c = DriverManager.getConnection(args[0], p); Statement s = c.createStatement()) {
      s.unwrap(CleanRoomsStatement.class).setProgressListener(progress -> {
        if (progress.status().equals("STARTED")) {
          System.out.println("STARTED " + progress.id());
          System.out.flush();
        }
      });
      s.executeQuery("CALL demo.slow()");
    }
  }
}
