package dev.cleanroomsjdbc.local.engine.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Enumeration;
import java.util.List;

/**
 * Spark's own world inside the local Clean Rooms' JVM: Spark 3.5 with exactly its own dependencies (Hadoop 3.3,
 * Parquet 1.13, Jackson 2.15, Scala 2.13), whatever versions the host class path holds. Child-first: JDK classes
 * come from the platform, the bridge types and SLF4J from the host (one logging set-up, one {@code SparkEngine}
 * interface), everything else from Spark's jars, and classes found only on the host (the engine itself, user JVM
 * entry points) are defined here again from the host's bytes, so that they link against this Spark.
 */
final class SparkClassLoader extends URLClassLoader {
  private static final List<String> SHARED = List.of("dev.cleanroomsjdbc.local.spark.bridge.", "org.slf4j.");
  // Spark would route the host's java.util.logging into SLF4J; with an SLF4J-over-JUL host that loops.
  private static final List<String> HIDDEN = List.of("org.slf4j.bridge.");

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host;

  SparkClassLoader(List<URL> sparkJars, ClassLoader host) {
    super("cleanrooms-spark", sparkJars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = load(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private Class<?> load(String name) throws ClassNotFoundException {
    if (startsWithAny(name, HIDDEN)) {
      throw new ClassNotFoundException(name);
    }
    if (startsWithAny(name, SHARED)) {
      return host.loadClass(name);
    }
    try {
      return getParent().loadClass(name);
    } catch (ClassNotFoundException notJdk) {
      try {
        return findClass(name);
      } catch (ClassNotFoundException notSpark) {
        return defineFromHost(name);
      }
    }
  }

  private Class<?> defineFromHost(String name) throws ClassNotFoundException {
    URL url = host.getResource(name.replace('.', '/') + ".class");
    if (url == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length, new CodeSource(codeBase(url), (Certificate[]) null));
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  private static URL codeBase(URL classFile) throws IOException {
    if ("jar".equals(classFile.getProtocol())) {
      return ((JarURLConnection) classFile.openConnection()).getJarFileURL();
    }
    return classFile;
  }

  /** Spark's resources first, then the host's (a user entry point's own files, the Python bootstrap). */
  @Override
  public URL getResource(String name) {
    URL url = super.getResource(name);
    return url != null ? url : host.getResource(name);
  }

  /**
   * Spark's resources only: service registrations on the host (its Hadoop file systems, its SLF4J binding) name
   * classes of other versions than Spark's.
   */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return super.getResources(name);
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
