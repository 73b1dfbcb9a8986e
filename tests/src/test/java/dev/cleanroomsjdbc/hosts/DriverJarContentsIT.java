package dev.cleanroomsjdbc.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the self-contained driver jar puts into a host: our classes, libraries only under our prefix, one JDBC
 * driver and no other service of the host's, no native code, and nothing of the local Clean Rooms.
 */
class DriverJarContentsIT {

  private static final String PREFIX = "dev/cleanroomsjdbc/";

  @Test
  void theJarRegistersOnlyTheCleanRoomsDriver() throws IOException {
    assertEquals(List.of("dev.cleanroomsjdbc.driver.CleanRoomsDriver"), serviceProviders("java.sql.Driver"));
  }

  @Test
  void everyOtherServiceItRegistersIsOneOfItsRelocatedLibrariesOwn() throws IOException {
    List<String> foreign = new ArrayList<>();
    for (String name : entries()) {
      if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
        String service = name.substring("META-INF/services/".length());
        if (!service.equals("java.sql.Driver") && !service.startsWith("dev.cleanroomsjdbc.")) {
          foreign.add(service);
        }
        for (String provider : serviceProviders(service)) {
          if (!provider.startsWith("dev.cleanroomsjdbc.")) {
            foreign.add(service + " -> " + provider);
          }
        }
      }
    }
    assertEquals(List.of(), foreign, "services a host would see (StAX, FileSystemProvider, LogFactory, ...)");
  }

  @Test
  void everyClassIsOursOrALibraryRelocatedUnderOurPrefix() throws IOException {
    List<String> outside = entries().stream()
        .filter(n -> n.endsWith(".class") && !n.startsWith(PREFIX)).toList();
    assertEquals(List.of(), outside, "classes outside " + PREFIX);
  }

  @Test
  void itCarriesNoNativeCodeAndNoResourceAtTheTopOfTheClassPath() throws IOException {
    List<String> unexpected = entries().stream().filter(n -> !n.endsWith("/"))
        .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib")
            || !(n.startsWith(PREFIX) || n.startsWith("META-INF/")))
        .toList();
    assertEquals(List.of(), unexpected);
  }

  @Test
  void itHoldsNothingOfTheLocalCleanRoomsNorOfHadoopsServersAndClients() throws IOException {
    List<String> unexpected = entries().stream()
        .filter(n -> n.startsWith(PREFIX + "local/") || n.contains("/hadoop/yarn/") || n.contains("/hadoop/hdfs/")
            || n.contains("/hadoop/fs/s3a/") || n.contains("/avatica/remote/Driver") || n.contains("/gaul/")
            || n.contains("/eclipse/jetty/") || n.contains("webapps/") || n.contains("/xerial/snappy/")
            || n.contains("/luben/zstd/"))
        .toList();
    assertEquals(List.of(), unexpected);
  }

  @Test
  void itIsNotAMultiReleaseJarWhoseVersionedClassesWouldEscapeRelocation() throws IOException {
    try (JarFile jar = new JarFile(DriverJar.path().toFile())) {
      Manifest manifest = jar.getManifest();
      assertTrue(manifest.getMainAttributes().getValue("Multi-Release") == null);
      assertTrue(Collections.list(jar.entries()).stream().noneMatch(e -> e.getName().startsWith("META-INF/versions/")));
    }
    System.out.printf("self-contained driver jar: %s, %,d bytes%n", DriverJar.path().getFileName(),
        Files.size(DriverJar.path()));
  }

  private static List<String> entries() throws IOException {
    try (JarFile jar = new JarFile(DriverJar.path().toFile())) {
      return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  private static List<String> serviceProviders(String service) throws IOException {
    try (JarFile jar = new JarFile(DriverJar.path().toFile())) {
      ZipEntry entry = jar.getEntry("META-INF/services/" + service);
      String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }
}
