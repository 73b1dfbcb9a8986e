package dev.cleanroomsjdbc.execution;

import java.sql.SQLNonTransientException;

/**
 * A protected job or query that ended FAILED (or, for a query, TIMED_OUT on the service's side). Carries the service's error code (such as
 * {@code MALFORMED_SCRIPT}) and the job id, so that callers can act on them without parsing the message.
 */
public final class JobFailedException extends SQLNonTransientException {
  private final String jobId;
  private final String serviceErrorCode;

  public JobFailedException(String kind, String jobId, String status, String serviceErrorCode,
      String serviceMessage) {
    super(kind + " " + jobId + " " + status + " with " + serviceErrorCode + ": " + serviceMessage,
        SqlState.JOB_FAILED.code());
    this.jobId = jobId;
    this.serviceErrorCode = serviceErrorCode;
  }

  public String jobId() {
    return jobId;
  }

  /** The code from the job's {@code error.code}, e.g. MALFORMED_SCRIPT or INTERNAL_ERROR. */
  public String serviceErrorCode() {
    return serviceErrorCode;
  }
}
