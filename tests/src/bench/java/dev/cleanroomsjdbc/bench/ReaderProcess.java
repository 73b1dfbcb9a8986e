package dev.cleanroomsjdbc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link BenchReader} in a JVM of its own, with this JVM's class path, driven round by round. */
final class ReaderProcess implements AutoCloseable {
  final String name;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  final List<Round> rounds = new ArrayList<>();

  /** One timed read: rows, wall and CPU seconds, peak heap in use and peak heap live after a GC. */
  record Round(long rows, double seconds, double cpuSeconds, long peakHeap, long peakLive) {}

  ReaderProcess(String name, List<String> jvmOptions, List<String> args) throws IOException {
    this.name = name;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchReader.class.getName());
    command.addAll(args);
    this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    expect("READY");
  }

  private String expect(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException(name + " ended without " + prefix);
  }

  /** Reads the result once in the child; keeps the round unless it is a warm-up. */
  Round read(boolean keep) throws IOException {
    in.println("read");
    String[] f = expect("RESULT").split(" ");
    Round r = new Round(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
        Long.parseLong(f[4]), Long.parseLong(f[5]));
    if (keep) {
      rounds.add(r);
    }
    return r;
  }

  @Override
  public void close() throws Exception {
    in.println("quit");
    in.close();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
