package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.Optional;

/** Reads S3 objects the service itself must see (analysis template entry points); LocalS3::read fits it. */
@FunctionalInterface
public interface ObjectSource {
  Optional<byte[]> read(S3Location location);
}
