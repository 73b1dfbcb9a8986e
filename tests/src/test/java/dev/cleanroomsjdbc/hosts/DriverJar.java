package dev.cleanroomsjdbc.hosts;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The self-contained driver jar under test (built by driver/), and the ways hosts load it. */
final class DriverJar {
  private DriverJar() {}

  static Path path() {
    Path jar = Path.of(System.getProperty("driver.jar", "../driver/target/cleanrooms-jdbc-all.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No driver jar at " + jar + ": run mvn verify from the top directory");
    }
    return jar.toAbsolutePath();
  }

  /** A class loader over the jar alone, as DBeaver or Tableau load a driver (the JDK as its parent). */
  static URLClassLoader isolatedLoader() {
    try {
      return new URLClassLoader(new URL[] {path().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Driver driverIn(ClassLoader loader) throws ReflectiveOperationException {
    return (Driver) Class.forName("dev.cleanroomsjdbc.driver.CleanRoomsDriver", true, loader)
        .getDeclaredConstructor().newInstance();
  }

  /** Jars of this test's own class path whose file names contain one of {@code names}, as a class path. */
  static String testClassPathJars(String... names) {
    List<String> wanted = List.of(names);
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> wanted.stream().anyMatch(n -> Path.of(p).getFileName().toString().startsWith(n)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A host program's source file (tests/src/test/hosts), run with the JDK's source launcher. */
  static Path hostProgram(String fileName) {
    return Path.of(System.getProperty("hosts.dir", "src/test/hosts"), fileName).toAbsolutePath();
  }
}
