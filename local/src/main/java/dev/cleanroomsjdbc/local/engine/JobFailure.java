package dev.cleanroomsjdbc.local.engine;

/** A job that ended FAILED, with the error code the service reports (e.g. {@code MALFORMED_SCRIPT}). */
public final class JobFailure extends Exception {
  private final String code;

  public JobFailure(String code, String message) {
    this(code, message, null);
  }

  public JobFailure(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
