package dev.cleanroomsjdbc.local.engine.spark;

import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Uploads the folders Spark wrote for a job's results to S3 as the service leaves them: every part file of a
 * result, then its {@code _SUCCESS}; Hadoop's {@code .crc} side files stay behind.
 */
final class ResultUpload {
  private ResultUpload() {}

  static void upload(LocalS3 s3, Path resultDir, List<String> names, S3Location prefix, BooleanSupplier cancelled) {
    for (String name : names) {
      Path folder = resultDir.resolve(name);
      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files = listing.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("Spark wrote no folder for result " + name, e);
      }
      Path success = null;
      for (Path file : files) {
        if (file.getFileName().toString().equals("_SUCCESS")) {
          success = file;
          continue;
        }
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("the job was cancelled while its results were uploaded");
        }
        s3.putFile(prefix.resolve(name).resolve(file.getFileName().toString()), file);
      }
      if (success != null) {
        s3.putFile(prefix.resolve(name).resolve("_SUCCESS"), success);
      }
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // scratch space; removed with the JVM's work directory at exit anyway
    }
  }
}
