package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a protected job or query reports as {@code statistics.billedResourceUtilization.units}: CRPU-hours, the
 * run's duration times the CRPUs of its workers. A worker's CRPUs are the multiple its type names (CR.1X one,
 * CR.4X four); without a {@code computeConfiguration} a run is billed as the model's smallest worker count of
 * CR.1X workers (4 for jobs, 2 for queries). AWS publishes no per-worker rate in the model or the digest; these are
 * the local Clean Rooms' own, documented in docs/local-clean-rooms.md.
 */
public final class Billing {
  private static final Map<String, Integer> CRPU_PER_WORKER = Map.of("CR.1X", 1, "CR.4X", 4);
  private static final String DEFAULT_TYPE = "CR.1X";
  /** The model's minimum of {@code ProtectedJobWorkerComputeConfiguration.number}. */
  public static final int DEFAULT_JOB_WORKERS = 4;
  /** The model's minimum of {@code WorkerComputeConfiguration.number}. */
  public static final int DEFAULT_QUERY_WORKERS = 2;
  private static final double MILLIS_PER_HOUR = 3_600_000d;

  private Billing() {}

  /** CRPU-hours for a run of {@code durationMillis}; null while the run has not ended. */
  public static Double crpuHours(JsonNode computeConfiguration, Long durationMillis, int defaultWorkers) {
    if (durationMillis == null) {
      return null;
    }
    JsonNode worker = computeConfiguration == null ? null : computeConfiguration.get("worker");
    String type = Inputs.text(worker, "type", DEFAULT_TYPE);
    int workers = worker != null && worker.hasNonNull("number") ? worker.get("number").asInt() : defaultWorkers;
    return workers * CRPU_PER_WORKER.getOrDefault(type, 1) * (durationMillis / MILLIS_PER_HOUR);
  }
}
