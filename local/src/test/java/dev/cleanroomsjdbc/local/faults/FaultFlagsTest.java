package dev.cleanroomsjdbc.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone server's fault flags become one {@link Faults} setting; bad values are rejected. */
class FaultFlagsTest {

  @Test
  void everyFlagSetsItsPartOfTheFaults() {
    FaultFlags flags = new FaultFlags();
    flags.set("--throttle-rate", "0.2");
    flags.set("--error-rate", "0.1");
    flags.set("--latency-ms", "200");
    flags.set("--latency-rate", "0.5");
    flags.set("--job-failure-rate", "0.25");
    flags.set("--job-error-code", "TRANSIENT_ERROR");
    flags.set("--fault-seed", "42");
    flags.set("--fault-operations", "GetProtectedJob, StartProtectedJob");
    assertEquals(new Faults(0.2, 0.1, Duration.ofMillis(200), 0.5, 0.25, "TRANSIENT_ERROR", 42L,
        Set.of("GetProtectedJob", "StartProtectedJob")), flags.faults());
  }

  @Test
  void aLatencyWithoutARateSlowsEveryRequest() {
    FaultFlags flags = new FaultFlags();
    flags.set("--latency-ms", "50");
    assertEquals(1.0, flags.faults().latencyRate());
  }

  @Test
  void noFlagsMeanNoFaults() {
    assertTrue(new FaultFlags().faults().isNone());
  }

  @ParameterizedTest
  @CsvSource({"--throttle-rate, 1.5", "--error-rate, -0.1", "--latency-ms, -5", "--job-failure-rate, 2",
      "--job-error-code, ' '", "--fault-seed, x"})
  void aValueOutOfRangeIsRejected(String flag, String value) {
    FaultFlags flags = new FaultFlags();
    assertThrows(IllegalArgumentException.class, () -> {
      flags.set(flag, value);
      flags.faults();
    });
  }
}
