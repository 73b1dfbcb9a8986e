package dev.cleanroomsjdbc.execution;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;

/**
 * Every SQLState the driver raises, with the {@link SQLException} subclass that carries it. Every failure
 * the driver reports is built here, so that a state always comes with the same exception type.
 */
public enum SqlState {
  /** Not an error: something the caller should know (a setting without effect, a result read again). */
  WARNING("01000"),
  /** The URL or a connection property is malformed or unknown. */
  INVALID_CONNECTION_ATTRIBUTE("08001"),
  /** The service or S3 cannot be reached, or the membership cannot be opened. */
  CONNECTION_FAILURE("08006"),
  /** Credentials are missing, invalid or not allowed to do this (AccessDeniedException, 403). */
  INVALID_AUTHORIZATION("28000"),
  /** The statement cannot be parsed or names something that is not there. */
  SYNTAX_ERROR("42000"),
  /** A table, schema, membership or job does not exist (ResourceNotFoundException, 404). */
  UNDEFINED_OBJECT("42704"),
  /** The collaboration's analysis rules or member abilities do not allow this; checked before submitting. */
  RULE_VIOLATION("42501"),
  /** The analysis template named in CALL does not exist. */
  UNDEFINED_FUNCTION("42883"),
  /** An argument or parameter value is wrong (ValidationException, 400). */
  INVALID_PARAMETER_VALUE("22023"),
  /** A value in a result cannot be converted to the requested type. */
  DATA_EXCEPTION("22000"),
  /** The protected job or query ended FAILED; the message and {@code JobFailedException} carry its code. */
  JOB_FAILED("38000"),
  /** The statement was cancelled (Statement.cancel or close) and the job with it. */
  QUERY_CANCELED("57014"),
  /**
   * The statement was cancelled, timed out or closed, but the service did not confirm within the grace period that
   * the job ended: it may still run (the message names it and how to cancel it).
   */
  CANCEL_UNCONFIRMED("57000"),
  /** Statement.setQueryTimeout expired; the job was cancelled. */
  TIMEOUT("HYT00"),
  /** The service throttled the driver and retries ran out (ThrottlingException, 429). */
  THROTTLED("53400"),
  /** A quota was hit (ServiceQuotaExceededException, 402), e.g. one running job per membership. */
  QUOTA_EXCEEDED("53000"),
  /** The request conflicts with the resource's state (ConflictException, 409). */
  CONFLICT("40001"),
  /** A result file is missing, truncated or unreadable. */
  RESULT_IO_ERROR("58030"),
  /** The service failed (InternalServerException, 500) or answered something the driver cannot read. */
  INTERNAL_ERROR("XX000"),
  /** The JDBC call is not supported by this driver. */
  FEATURE_NOT_SUPPORTED("0A000"),
  /** A cursor movement a forward-only result set cannot make, or a read with no current row. */
  INVALID_CURSOR_STATE("24000"),
  /** The connection or statement is closed. */
  CONNECTION_CLOSED("08003"),
  /** A column or parameter index or name that the result or statement does not have. */
  INVALID_DESCRIPTOR_INDEX("07009"),
  /** The statement is nested too deeply to plan (a 2,000-term {@code 1 + 1 + ...}): a program limit. */
  STATEMENT_TOO_COMPLEX("54001");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A warning with this state (meant for {@link #WARNING}). */
  public SQLWarning warning(String message) {
    return new SQLWarning(message, code);
  }

  /** An exception of the subclass that fits this state. */
  public SQLException exception(String message) {
    return exception(message, null);
  }

  /** An exception of the subclass that fits this state, keeping its cause. */
  public SQLException exception(String message, Throwable cause) {
    return switch (this) {
      case INVALID_CONNECTION_ATTRIBUTE, CONNECTION_FAILURE, CONNECTION_CLOSED ->
          new SQLNonTransientConnectionException(message, code, cause);
      case INVALID_AUTHORIZATION -> new SQLInvalidAuthorizationSpecException(message, code, cause);
      case SYNTAX_ERROR, UNDEFINED_OBJECT, UNDEFINED_FUNCTION, RULE_VIOLATION ->
          new SQLSyntaxErrorException(message, code, cause);
      case INVALID_PARAMETER_VALUE, DATA_EXCEPTION -> new SQLDataException(message, code, cause);
      case INVALID_CURSOR_STATE -> new SQLException(message, code, cause);
      case WARNING -> new SQLWarning(message, code, cause);
      case TIMEOUT -> new SQLTimeoutException(message, code, cause);
      case THROTTLED, QUOTA_EXCEEDED, CONFLICT -> new SQLTransientException(message, code, cause);
      case FEATURE_NOT_SUPPORTED -> new SQLFeatureNotSupportedException(message, code, cause);
      case JOB_FAILED, QUERY_CANCELED, CANCEL_UNCONFIRMED, RESULT_IO_ERROR, INTERNAL_ERROR, INVALID_DESCRIPTOR_INDEX,
          STATEMENT_TOO_COMPLEX -> new SQLNonTransientException(message, code, cause);
    };
  }

}
