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
import java.util.ArrayList;
import java.util.List;

/**
 * Where Spark 3.5's jars are: the paths listed at build time in {@value #RESOURCE} (Spark's resolved runtime class
 * path, relative to a Maven repository), found in the local Maven repository ({@code maven.repo.local}, else
 * {@code ~/.m2/repository}); or, when set, the class path in system property {@value #PROPERTY} (or environment
 * variable {@code CLEANROOMS_SPARK_CLASSPATH}).
 */
final class SparkClassPath {
  static final String RESOURCE = "META-INF/cleanrooms-local-spark/classpath.txt";
  static final String PROPERTY = "cleanrooms.spark.classpath";

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
    String listing;
    try (InputStream in = host.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Spark engine (cleanrooms-local-spark) is not on the class path: "
            + RESOURCE + " is missing");
      }
      listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> jars = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String entry : listing.split(";")) {
      Path jar = repository.resolve(entry.strip().replaceFirst("^M2/", ""));
      jars.add(jar);
      if (!Files.isRegularFile(jar)) {
        missing.add(entry);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missing.size() + " of Spark 3.5's " + jars.size() + " jars are not in the"
          + " Maven repository " + repository + " (first: " + missing.get(0) + "); build the project once"
          + " (mvn -pl local-spark package), or pass -D" + PROPERTY + "=<Spark's class path>");
    }
    return jars;
  }
}
