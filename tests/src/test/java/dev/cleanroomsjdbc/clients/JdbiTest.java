package dev.cleanroomsjdbc.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cleanroomsjdbc.driver.TestCollaboration;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jdbi, as an application uses it over the driver: named bindings (Jdbi rewrites them to {@code ?}), its java.time
 * and BigDecimal column mappers (which read with {@code getObject(column, Class)}), template calls, transactions.
 */
@Timeout(180)
class JdbiTest {
  private final TestCollaboration collaboration = TestCollaboration.shared();
  private final Jdbi jdbi = Jdbi.create(collaboration.url(), collaboration.secret());

  @Test
  void aNamedBindingSelectsTheRowsAndJdbisMappersReadTheirTypes() {
    List<LocalDate> days = jdbi.withHandle(h -> h.createQuery("SELECT signup_date FROM demo.customers"
        + " WHERE segment = :segment AND signup_date >= :since ORDER BY signup_date LIMIT 3")
        .bind("segment", "vip").bind("since", LocalDate.of(2023, 1, 1)).mapTo(LocalDate.class).list());
    assertEquals(3, days.size(), days.toString());
    BigDecimal top = jdbi.withHandle(h -> h.createQuery("SELECT MAX(lifetime_value) FROM demo.customers"
        + " WHERE segment = :segment").bind("segment", "vip").mapTo(BigDecimal.class).one());
    assertEquals(2, top.scale(), top.toString());
  }

  @Test
  void aTemplateCallTakesBoundArguments() {
    Map<String, Long> bySegment = new TreeMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT * FROM TABLE(demo.customers_by_segment(min_value => :min,"
        + " skip_segment => :skip))").bind("min", 0).bind("skip", "lapsed").mapToMap().forEach(row ->
            bySegment.put((String) row.get("segment"), ((Number) row.get("customers")).longValue())));
    assertEquals(Map.of("loyal", 500L, "new", 500L, "vip", 500L), bySegment);
  }

  @Test
  void aTransactionRunsAndCommits() {
    long customers = jdbi.inTransaction(h -> h.createQuery("SELECT COUNT(*) FROM demo.customers")
        .mapTo(Long.class).one());
    assertEquals(2000L, customers);
    assertTrue(jdbi.withHandle(h -> h.createQuery("SELECT name FROM cleanrooms.analysis_templates"
        + " WHERE format = :format").bind("format", "SQL").mapTo(String.class).list()).contains("customers_by_segment"));
  }
}
