package dev.cleanroomsjdbc.local.engine.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Python that runs {@code .py} entry points: {@code --python}, else {@code PYSPARK_PYTHON}, else
 * {@code python3} on the PATH, checked once for an importable PySpark 3.5.
 *
 * @param executable what runs, as given or found
 * @param version Python's and PySpark's versions, e.g. {@code Python 3.11.7, PySpark 3.5.3}, or null
 * @param problem why {@code .py} jobs cannot run, or null when they can
 */
public record PythonCheck(String executable, String version, String problem) {
  private static final Map<String, PythonCheck> CHECKED = new ConcurrentHashMap<>();

  /** Whether {@code .py} jobs can run. */
  public boolean usable() {
    return problem == null;
  }

  /** One line for the start-up banner. */
  public String describe() {
    return executable + (version == null ? "" : " (" + version + ")")
        + (problem == null ? "" : ": " + problem + "; .py jobs fail with MALFORMED_SCRIPT");
  }

  /** The executable to use for {@code explicit} (null: PYSPARK_PYTHON, then python3). */
  public static String choose(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String env = System.getenv("PYSPARK_PYTHON");
    return env != null && !env.isBlank() ? env : "python3";
  }

  /** Checks the Python once per executable (it takes a Python start, about a second with PySpark). */
  public static PythonCheck of(String explicit) {
    return CHECKED.computeIfAbsent(choose(explicit), PythonCheck::run);
  }

  private static PythonCheck run(String python) {
    String probe = "import sys\ntry:\n    import pyspark\n    v = pyspark.__version__\nexcept ImportError:\n"
        + "    v = ''\nprint('%d.%d.%d %s' % (sys.version_info[0], sys.version_info[1], sys.version_info[2], v))";
    try {
      Process p = new ProcessBuilder(python, "-c", probe).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new PythonCheck(python, null, "it did not answer within 30 s");
      }
      String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+");
      if (p.exitValue() != 0 || out.length == 0 || out[0].isEmpty()) {
        return new PythonCheck(python, null, "it failed to start (exit " + p.exitValue() + ")");
      }
      String pythonVersion = "Python " + out[0];
      if (out.length < 2) {
        return new PythonCheck(python, pythonVersion, "PySpark is not installed there (pip install pyspark==3.5.*)");
      }
      String version = pythonVersion + ", PySpark " + out[1];
      if (!out[1].startsWith("3.5.")) {
        return new PythonCheck(python, version, "its PySpark is not 3.5, the Spark the local Clean Rooms runs"
            + " (pip install pyspark==3.5.*)");
      }
      return new PythonCheck(python, version, null);
    } catch (IOException e) {
      return new PythonCheck(python, null, "it cannot be started (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PythonCheck(python, null, "the check was interrupted");
    }
  }
}
