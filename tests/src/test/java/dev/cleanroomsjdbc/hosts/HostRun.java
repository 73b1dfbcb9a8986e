package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a host program in a JVM of its own: its exit code and what it wrote to stdout and stderr. */
record HostRun(int exit, String stdout, String stderr) {

  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** Runs {@code java <command...>} in {@code dir}, standard input closed; fails the test past the timeout. */
  static HostRun java(Path dir, List<String> command) throws IOException, InterruptedException {
    return java(dir, command, Map.of(), List.of());
  }

  /**
   * As {@link #java(Path, List)}, with {@code env} added to the environment and the variables in {@code unset}
   * removed from it (a user's shell without AWS settings, say).
   */
  static HostRun java(Path dir, List<String> command, Map<String, String> env, List<String> unset)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    full.add(JAVA);
    full.addAll(command);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile());
    unset.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("host program did not finish in 240 s: " + full + "\n" + Files.readString(out)
          + Files.readString(err));
    }
    return new HostRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  HostRun succeeded() {
    assertEquals(0, exit, this::toString);
    return this;
  }

  /** The {@code key=value} lines the host programs print, in order. */
  Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    stdout.lines().filter(l -> l.contains("=") && !l.startsWith(" ")).forEach(l ->
        values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return values;
  }

  String value(String key) {
    String v = values().get(key);
    assertTrue(v != null, () -> "no " + key + "= line in\n" + this);
    return v;
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
