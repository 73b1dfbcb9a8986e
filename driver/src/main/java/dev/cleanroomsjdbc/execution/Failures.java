package dev.cleanroomsjdbc.execution;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.cleanrooms.model.ThrottlingException;

/** What a failed Clean Rooms call tells about the request: refused before it ran, perhaps ran, or refused for good. */
enum Failures {
  /** Throttled (429): the service did not run the request; asking again later is safe. */
  THROTTLED,
  /** A quota was hit (402), e.g. the membership's running-job slot: the request did not run; wait and ask again. */
  QUOTA,
  /** No answer, or a 5xx: the request may or may not have run (a start may have started its job). */
  UNKNOWN_OUTCOME,
  /** Any other answer (400, 403, 404, 409): the request was refused and asking again gives the same answer. */
  REFUSED;

  static Failures of(SdkException e) {
    if (e instanceof ServiceQuotaExceededException) {
      return QUOTA;
    }
    if (e instanceof ThrottlingException || (e instanceof AwsServiceException s && s.isThrottlingException())) {
      return THROTTLED;
    }
    if (e instanceof AwsServiceException s) {
      return s.statusCode() >= 500 ? UNKNOWN_OUTCOME : REFUSED;
    }
    return e instanceof SdkClientException ? UNKNOWN_OUTCOME : REFUSED;
  }

  /** Whether asking again later may give another answer. */
  boolean transientFailure() {
    return this != REFUSED;
  }
}
