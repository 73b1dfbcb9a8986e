package dev.cleanroomsjdbc.local.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalog of Clean Rooms errors: each carries its HTTP status, its error shape name (sent as
 * {@code X-Amzn-ErrorType}) and the body fields of that shape.
 */
public final class CleanRoomsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String shape;
  private final Map<String, Object> fields;

  private CleanRoomsError(int status, String shape, String message, Map<String, Object> extra) {
    super(message);
    this.status = status;
    this.shape = shape;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.putAll(extra);
    this.fields = body;
  }

  /**
   * One member of an input that breaks a constraint of the model: its name (dotted path, list elements as
   * {@code [i]}), the value to show (null when it is sensitive or not a scalar) and the constraint.
   */
  public record InvalidField(String name, String value, String constraint) {

    String describe() {
      return "Value " + (value == null ? "" : "'" + value + "' ") + "at '" + name
          + "' failed to satisfy constraint: " + constraint;
    }
  }

  /** 400: one input field is wrong. */
  public static CleanRoomsError validation(String field, String message) {
    return new CleanRoomsError(400, "ValidationException", message, Map.of(
        "reason", "FIELD_VALIDATION_FAILED",
        "fieldList", List.of(Map.of("name", field, "message", message))));
  }

  /** 400: the input breaks constraints of the service model, all reported at once as the service does. */
  public static CleanRoomsError invalidFields(List<InvalidField> fields) {
    String message = fields.size() + (fields.size() == 1 ? " validation error" : " validation errors")
        + " detected: " + fields.stream().map(InvalidField::describe).collect(Collectors.joining("; "));
    List<Map<String, String>> fieldList = new ArrayList<>();
    fields.forEach(f -> fieldList.add(Map.of("name", f.name(), "message", f.describe())));
    return new CleanRoomsError(400, "ValidationException", message,
        Map.of("reason", "FIELD_VALIDATION_FAILED", "fieldList", fieldList));
  }

  /** 400: the inputs are well-formed but the configuration does not allow the request. */
  public static CleanRoomsError invalidConfiguration(String message) {
    return new CleanRoomsError(400, "ValidationException", message, Map.of("reason", "INVALID_CONFIGURATION"));
  }

  /** 400: the query breaks an analysis rule of a table it reads. */
  public static CleanRoomsError invalidQuery(String message) {
    return new CleanRoomsError(400, "ValidationException", message, Map.of("reason", "INVALID_QUERY"));
  }

  /** 403: the caller is unknown or lacks the permission or ability the operation needs. */
  public static CleanRoomsError accessDenied(String message) {
    return new CleanRoomsError(403, "AccessDeniedException", message, Map.of("reason", "INSUFFICIENT_PERMISSIONS"));
  }

  /**
   * 404: resourceType is one of the model's CONFIGURED_TABLE, COLLABORATION, MEMBERSHIP,
   * CONFIGURED_TABLE_ASSOCIATION, or ANALYSIS_TEMPLATE, PROTECTED_JOB, PROTECTED_QUERY for the resources the
   * model's enum does not name (SDK 2.40.2 reads those as {@code UNKNOWN_TO_SDK_VERSION}; the raw value is in
   * {@code resourceTypeAsString()}).
   */
  public static CleanRoomsError notFound(String resourceType, String resourceId, String message) {
    return new CleanRoomsError(404, "ResourceNotFoundException", message,
        Map.of("resourceId", resourceId, "resourceType", resourceType));
  }

  /** 403, an AWS common error: the access key id belongs to no account. */
  public static CleanRoomsError unrecognizedClient() {
    return new CleanRoomsError(403, "UnrecognizedClientException",
        "The security token included in the request is invalid.", Map.of());
  }

  /** 403, an AWS common error: the signature does not match the one computed with the account's secret. */
  public static CleanRoomsError invalidSignature(String message) {
    return new CleanRoomsError(403, "InvalidSignatureException", message, Map.of());
  }

  /** 403, an AWS common error: the request carries no Authorization header. */
  public static CleanRoomsError missingAuthenticationToken() {
    return new CleanRoomsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token",
        Map.of());
  }

  /** 400, an AWS common error: the Authorization header is not a complete SigV4 header. */
  public static CleanRoomsError incompleteSignature(String message) {
    return new CleanRoomsError(400, "IncompleteSignatureException", message, Map.of());
  }

  /** 409: reason is one of ALREADY_EXISTS, SUBRESOURCES_EXIST, INVALID_STATE. */
  public static CleanRoomsError conflict(String reason, String resourceId, String message) {
    return new CleanRoomsError(409, "ConflictException", message, Map.of("reason", reason, "resourceId", resourceId));
  }

  /** 402 (the service's own choice of status code). */
  public static CleanRoomsError quotaExceeded(String quotaName, double quotaValue, String message) {
    return new CleanRoomsError(402, "ServiceQuotaExceededException", message,
        Map.of("quotaName", quotaName, "quotaValue", quotaValue));
  }

  /** 429. */
  public static CleanRoomsError throttling(String message) {
    return new CleanRoomsError(429, "ThrottlingException", message, Map.of());
  }

  /** 500. */
  public static CleanRoomsError internal(String message) {
    return new CleanRoomsError(500, "InternalServerException", message, Map.of());
  }

  /** 404 for a path no operation answers; restJson1 clients see it as an unknown error code. */
  public static CleanRoomsError unknownOperation(String method, String path) {
    return new CleanRoomsError(404, "UnknownOperationException",
        "The local Clean Rooms does not implement " + method + " " + path
            + " (see docs/local-clean-rooms.md for the operations it emulates)", Map.of());
  }

  public int status() {
    return status;
  }

  public String shape() {
    return shape;
  }

  /** The error body: {@code message} first, then the shape's other members. */
  public Map<String, Object> fields() {
    return fields;
  }
}
