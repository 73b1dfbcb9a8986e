package dev.cleanroomsjdbc.local.engine.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Spark 3.5's jars are: the class path in system property {@value #PROPERTY} (or environment variable
 * {@code CLEANROOMS_SPARK_CLASSPATH}) when set; else the paths listed at build time in {@value #RESOURCE}
 * (Spark's resolved runtime class path, relative to a Maven repository), found in the local Maven repository
 * ({@code maven.repo.local}, else {@code ~/.m2/repository}); else the same jars carried by the runnable jar under
 * {@value #EMBEDDED}, unpacked once to a cache folder ({@code cleanrooms.spark.cache}, else the temporary folder).
 */
final class SparkClassPath {
  static final String RESOURCE = "META-INF/cleanrooms-local-spark/classpath.txt";
  static final String PROPERTY = "cleanrooms.spark.classpath";
  static final String EMBEDDED = "META-INF/cleanrooms-local-spark/jars/";

  private SparkClassPath() {}

  static List<URL> resolve(ClassLoader host) {
    String explicit = System.getProperty(PROPERTY, System.getenv("CLEANROOMS_SPARK_CLASSPATH"));
    List<Path> jars = explicit != null && !explicit.isBlank() ? split(explicit) : fromRepository(host);
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("not a jar path: " + jar, e);
      }
    }
    return urls;
  }

  private static List<Path> split(String classPath) {
    List<Path> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(Path.of(entry.strip()));
      }
    }
    return jars;
  }

  private static List<Path> fromRepository(ClassLoader host) {
    Path repository = Path.of(System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    List<String> entries = listing(host);
    List<Path> jars = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String entry : entries) {
      Path jar = repository.resolve(entry.replaceFirst("^M2/", ""));
      jars.add(jar);
      if (!Files.isRegularFile(jar)) {
        missing.add(entry);
      }
    }
    if (missing.isEmpty()) {
      return jars;
    }
    if (host.getResource(EMBEDDED + baseName(entries.get(0))) != null) {
      return unpacked(host, entries);
    }
    throw new IllegalStateException(missing.size() + " of Spark 3.5's " + jars.size() + " jars are not in the"
        + " Maven repository " + repository + " (first: " + missing.get(0) + "); build the project once"
        + " (mvn -pl local-spark package), use the runnable jar, or pass -D" + PROPERTY + "=<Spark's class path>");
  }

  private static List<String> listing(ClassLoader host) {
    try (InputStream in = host.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Spark engine (cleanrooms-local-spark) is not on the class path: "
            + RESOURCE + " is missing");
      }
      List<String> entries = new ArrayList<>();
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split(";")) {
        entries.add(entry.strip());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runnable jar's copies, unpacked once per listing (a marker file says the folder is complete). */
  private static synchronized List<Path> unpacked(ClassLoader host, List<String> entries) {
    String name = "cleanrooms-local-spark-" + Integer.toHexString(String.join(";", entries).hashCode());
    Path dir = Path.of(System.getProperty("cleanrooms.spark.cache", System.getProperty("java.io.tmpdir")), name);
    List<Path> jars = new ArrayList<>();
    for (String entry : entries) {
      jars.add(dir.resolve(baseName(entry)));
    }
    Path complete = dir.resolve(".complete");
    if (Files.exists(complete)) {
      return jars;
    }
    try {
      Files.createDirectories(dir);
      for (String entry : entries) {
        try (InputStream in = host.getResourceAsStream(EMBEDDED + baseName(entry))) {
          if (in == null) {
            throw new IllegalStateException("the runnable jar lacks " + EMBEDDED + baseName(entry));
          }
          Path temp = Files.createTempFile(dir, "unpacking", ".jar");
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(temp, dir.resolve(baseName(entry)), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.createFile(complete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack Spark's jars to " + dir, e);
    }
    return jars;
  }

  private static String baseName(String entry) {
    return entry.substring(entry.lastIndexOf('/') + 1);
  }
}
