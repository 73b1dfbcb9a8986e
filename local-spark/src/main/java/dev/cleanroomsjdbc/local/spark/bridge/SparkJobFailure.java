package dev.cleanroomsjdbc.local.spark.bridge;

/**
 * A job or query that ended FAILED, with the error code the service reports ({@code MALFORMED_SCRIPT},
 * {@code MALFORMED_QUERY}, {@code INVALID_RESOURCE}, ...). A JVM entry point throws it to fail its job with a code
 * of its choosing; its cause is never a Spark class, so it can leave Spark's class loader.
 */
public final class SparkJobFailure extends Exception {
  private final String code;

  public SparkJobFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
