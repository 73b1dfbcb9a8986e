package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.InternalServerException;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.cleanrooms.model.ThrottlingException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/** The one place where a failed Clean Rooms call becomes an {@link SQLException} with its state and the service's code. */
public final class ServiceErrors {
  private ServiceErrors() {}

  /** A call that the SDK made on the driver's behalf. */
  @FunctionalInterface
  public interface Call<T> {
    T run();
  }

  /** Runs {@code call}, turning an SDK failure into an SQLException that names {@code operation}. */
  public static <T> T call(String operation, Call<T> call) throws SQLException {
    try {
      return call.run();
    } catch (SdkException e) {
      throw toSqlException(operation, e);
    }
  }

  public static SQLException toSqlException(String operation, SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "Unknown" : service.awsErrorDetails().errorCode();
      String message = service.awsErrorDetails() == null ? e.getMessage() : service.awsErrorDetails().errorMessage();
      String text = "Clean Rooms " + operation + " failed: " + code + ": " + message
          + " (HTTP " + service.statusCode() + ", request id " + service.requestId() + ")";
      return stateOf(service).exception(text, e);
    }
    if (e instanceof SdkClientException) {
      return SqlState.CONNECTION_FAILURE.exception(
          "Clean Rooms " + operation + " could not reach the service: " + e.getMessage(), e);
    }
    return SqlState.INTERNAL_ERROR.exception("Clean Rooms " + operation + " failed: " + e.getMessage(), e);
  }

  private static SqlState stateOf(AwsServiceException e) {
    if (e instanceof ValidationException) {
      return SqlState.INVALID_PARAMETER_VALUE;
    } else if (e instanceof AccessDeniedException || e.statusCode() == 401 || e.statusCode() == 403) {
      return SqlState.INVALID_AUTHORIZATION;
    } else if (e instanceof ResourceNotFoundException) {
      return SqlState.UNDEFINED_OBJECT;
    } else if (e instanceof ConflictException) {
      return SqlState.CONFLICT;
    } else if (e instanceof ServiceQuotaExceededException) {
      return SqlState.QUOTA_EXCEEDED;
    } else if (e instanceof ThrottlingException || e.isThrottlingException()) {
      return SqlState.THROTTLED;
    } else if (e instanceof InternalServerException) {
      return SqlState.INTERNAL_ERROR;
    }
    return SqlState.INTERNAL_ERROR;
  }
}
