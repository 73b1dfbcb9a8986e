package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PySpark template's additional artifacts on the script's Python path: {@code .zip}, {@code .whl} and
 * {@code .egg} files as they are (Python imports from them), a {@code .py} file's folder, and a virtual environment
 * archive ({@code .tar.gz}, {@code .tgz}, {@code .tar}) unpacked, by its {@code site-packages} folders.
 */
final class PythonArtifacts {
  private PythonArtifacts() {}

  static List<Path> stage(LocalS3 s3, List<S3Location> artifacts, Path dir) throws IOException {
    List<Path> path = new ArrayList<>();
    for (S3Location artifact : artifacts) {
      String name = artifact.key().substring(artifact.key().lastIndexOf('/') + 1);
      Path folder = Files.createDirectories(dir.resolve(String.valueOf(path.size())));
      Path file = folder.resolve(name);
      if (!s3.download(artifact, file)) {
        throw new UncheckedIOException(new IOException("the additional artifact " + artifact + " does not exist"));
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar")) {
        Path unpacked = Files.createDirectories(folder.resolve("unpacked"));
        untar(file, unpacked);
        path.addAll(sitePackages(unpacked));
      } else if (lower.endsWith(".py")) {
        path.add(folder);
      } else {
        path.add(file);
      }
    }
    return path;
  }

  // The archive is the user's own venv-pack or tar output; tar itself reads every variant of it.
  private static void untar(Path archive, Path into) throws IOException {
    Process p = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", into.toString())
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("cannot unpack " + archive.getFileName() + ": "
            + new String(p.getInputStream().readAllBytes()).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unpacking " + archive.getFileName(), e);
    }
  }

  /** Every {@code site-packages} folder in the archive, or its top folder when it has none. */
  static List<Path> sitePackages(Path unpacked) throws IOException {
    try (Stream<Path> walk = Files.walk(unpacked, 6)) {
      List<Path> found = walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("site-packages"))
          .sorted().toList();
      return found.isEmpty() ? List.of(unpacked) : found;
    }
  }
}
