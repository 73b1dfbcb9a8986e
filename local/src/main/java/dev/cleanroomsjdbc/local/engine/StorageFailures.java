package dev.cleanroomsjdbc.local.engine;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps an S3 error anywhere in a job failure's cause chain to the job error code the service uses for it: a
 * missing bucket or object is {@code RESOURCE_NOT_FOUND}, a refused request {@code RESOURCE_ACCESS_DENIED}.
 */
public final class StorageFailures {
  private StorageFailures() {}

  /** The job failure an S3 error in {@code e}'s causes stands for, or empty when S3 did not refuse anything. */
  public static Optional<JobFailure> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof S3Exception s3) {
        String detail = s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage();
        if (s3.statusCode() == 403) {
          return Optional.of(new JobFailure("RESOURCE_ACCESS_DENIED",
              "S3 denied the job access to a data source or the result location: " + detail, e));
        }
        if (s3.statusCode() == 404) {
          return Optional.of(new JobFailure("RESOURCE_NOT_FOUND",
              "a bucket or object the job needs does not exist: " + detail, e));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
