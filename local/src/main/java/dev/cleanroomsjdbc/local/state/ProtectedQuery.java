package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A protected query and its status machine: SUBMITTED → STARTED → SUCCESS | FAILED | TIMED_OUT, with cancellation
 * taking SUBMITTED straight to CANCELLED and STARTED through CANCELLING. Transitions are synchronized; readers take
 * a {@link Snapshot}. A query in progress when the local Clean Rooms stopped comes back, once its state is loaded
 * again, FAILED with {@code INTERNAL_ERROR} and {@link #RESTARTED}.
 */
public final class ProtectedQuery extends ProtectedRun {
  /** Why a query in progress when the local Clean Rooms stopped ended FAILED. */
  public static final String RESTARTED = "The local Clean Rooms restarted during this protected query, which did not"
      + " finish; run the query again";

  /** What the caller asked to run: SQL text or a template ARN, with the template's parameter values. */
  public record SqlParameters(String queryString, String analysisTemplateArn, Map<String, String> parameters) {

    public SqlParameters {
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }

  /** An immutable view of a query at one moment ({@code computeConfiguration} null when none was given). */
  public record Snapshot(
      String id,
      String membershipId,
      String membershipArn,
      SqlParameters sqlParameters,
      QueryOutput output,
      JsonNode computeConfiguration,
      Instant createTime,
      String status,
      String resultLocation,
      String errorCode,
      String errorMessage,
      Long totalDurationMillis) {

    public boolean active() {
      return ProtectedRun.active(status);
    }
  }

  private final SqlParameters sqlParameters;
  private final QueryOutput output;
  private final JsonNode computeConfiguration;

  public ProtectedQuery(String id, String membershipId, String membershipArn, SqlParameters sqlParameters,
      QueryOutput output, JsonNode computeConfiguration, Instant createTime) {
    super("query", id, membershipId, membershipArn, createTime);
    this.sqlParameters = sqlParameters;
    this.output = output;
    this.computeConfiguration = computeConfiguration;
  }

  /**
   * A query as a snapshot describes it (read back from saved state); one still in progress there ends FAILED with
   * {@link #RESTARTED} at {@code now}, since no runner will ever pick it up again.
   */
  public static ProtectedQuery restore(Snapshot saved, Instant now) {
    ProtectedQuery query = new ProtectedQuery(saved.id(), saved.membershipId(), saved.membershipArn(),
        saved.sqlParameters(), saved.output(), saved.computeConfiguration(), saved.createTime());
    query.restore(saved.status(), saved.resultLocation(), saved.errorCode(), saved.errorMessage(),
        saved.totalDurationMillis(), RESTARTED, now);
    return query;
  }

  /** The query ran past the server's query timeout; a cancel requested meanwhile still wins. */
  public void markTimedOut(Instant now) {
    synchronized (this) {
      end(cancelRequested() ? "CANCELLED" : "TIMED_OUT", now);
    }
    changed();
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(id(), membershipId(), membershipArn(), sqlParameters, output, computeConfiguration,
        createTime(), status,
        resultLocation, errorCode, errorMessage, durationMillis());
  }
}
