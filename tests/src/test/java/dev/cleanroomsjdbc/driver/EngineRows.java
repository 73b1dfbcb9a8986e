package dev.cleanroomsjdbc.driver;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rows of {@code engines-fixture.yaml}, computed in Java from its generator rules (docs/fixtures.md) so that
 * the tests' expected values come from the fixture's declaration, not from a run.
 */
final class EngineRows {
  private EngineRows() {}

  record Order(long orderId, long customerId, String channel, BigDecimal amount, LocalDate orderedOn,
      Instant placedAt) {}

  record Shopper(long customerId, String region) {}

  record Visit(long customerId, String region, double seconds) {}

  static List<Order> orders() {
    List<String> channels = List.of("web", "store", "app");
    return IntStream.rangeClosed(1, 600).mapToObj(n -> new Order(n, n * 7L % 150 + 1, channels.get(n % 3),
        BigDecimal.valueOf(n * 3797L % 20000).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP),
        LocalDate.parse("2024-01-01").plusDays(n * 3L % 365),
        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(n * 3607L))).toList();
  }

  static List<Shopper> shoppers() {
    List<String> regions = List.of("north", "south", "east", "west");
    return IntStream.rangeClosed(1, 200).mapToObj(n -> new Shopper(n, regions.get(n * 3 % 4))).toList();
  }

  static List<Visit> visits() {
    List<String> regions = List.of("north", "south", "east", "west");
    return IntStream.rangeClosed(1, 400).mapToObj(n -> new Visit(n * 11L % 200 + 1, regions.get(n % 4),
        n * 13L % 600 / 10.0)).toList();
  }
}
