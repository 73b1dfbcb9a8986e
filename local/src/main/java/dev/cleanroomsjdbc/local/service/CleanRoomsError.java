package dev.cleanroomsjdbc.local.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** 400: one input field is wrong. */
  public static CleanRoomsError validation(String field, String message) {
    return new CleanRoomsError(400, "ValidationException", message, Map.of(
        "reason", "FIELD_VALIDATION_FAILED",
        "fieldList", List.of(Map.of("name", field, "message", message))));
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

  /** 404: resourceType is one of CONFIGURED_TABLE, COLLABORATION, MEMBERSHIP, CONFIGURED_TABLE_ASSOCIATION. */
  public static CleanRoomsError notFound(String resourceType, String resourceId, String message) {
    return new CleanRoomsError(404, "ResourceNotFoundException", message,
        Map.of("resourceId", resourceId, "resourceType", resourceType));
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
