package dev.cleanroomsjdbc.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cleanroomsjdbc.driver.TestCollaboration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's JdbcTemplate over a HikariCP pool, as a Spring application uses the driver: bound parameters through
 * {@code ?} and named parameters, java.time values both ways, a read-only transaction that commits and one that
 * rolls back, and Spring's translation of the driver's SQLStates.
 */
@Timeout(180)
class SpringJdbcTemplateTest {
  private static final TestCollaboration COLLABORATION = TestCollaboration.shared();
  private static HikariDataSource pool;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(COLLABORATION.url());
    config.setPassword(COLLABORATION.secret().getProperty("secretAccessKey"));
    config.setMaximumPoolSize(2);
    config.setReadOnly(true);
    config.setPoolName("cleanrooms");
    pool = new HikariDataSource(config);
    jdbc = new JdbcTemplate(pool);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Test
  void queryForListWithABoundParameterReturnsTheSelectedRows() {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT segment, COUNT(*) AS n FROM demo.customers WHERE segment = ? GROUP BY segment", "loyal");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("loyal", rows.get(0).get("segment"));
    assertEquals(500L, ((Number) rows.get(0).get("n")).longValue());
  }

  @Test
  void javaTimeValuesAreBoundAndReadAsJdbc42Says() {
    LocalDate since = LocalDate.of(2023, 6, 1);
    List<LocalDate> days = jdbc.query("SELECT signup_date FROM demo.customers WHERE signup_date >= ?"
        + " ORDER BY signup_date LIMIT 5", (rs, i) -> rs.getObject("signup_date", LocalDate.class), since);
    assertEquals(5, days.size());
    assertTrue(days.stream().allMatch(d -> !d.isBefore(since)), days.toString());
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM demo.customers WHERE signup_date >= ?", Long.class,
        since);
    assertTrue(count != null && count > 0 && count < 2000, String.valueOf(count));
  }

  @Test
  void namedParametersBindATemplatesArguments() {
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    Map<String, Long> bySegment = new TreeMap<>();
    named.query("CALL demo.customers_by_segment(min_value => :min, skip_segment => :skip)",
        new MapSqlParameterSource("min", 0).addValue("skip", "vip"),
        rs -> {
          bySegment.put(rs.getString("segment"), rs.getLong("customers"));
        });
    assertEquals(Map.of("lapsed", 500L, "loyal", 500L, "new", 500L), bySegment);
  }

  @Test
  void aReadOnlyTransactionCommitsAndARolledBackOneLeavesNothingBehind() {
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    tx.setReadOnly(true);
    Long inside = tx.execute(status -> jdbc.queryForObject("SELECT COUNT(*) FROM demo.customers", Long.class));
    assertEquals(2000L, inside);
    Long rolledBack = tx.execute(status -> {
      status.setRollbackOnly();
      return jdbc.queryForObject("SELECT COUNT(*) FROM demo.impressions", Long.class);
    });
    assertTrue(rolledBack != null && rolledBack > 0);
    assertEquals(2000L, jdbc.queryForObject("SELECT COUNT(*) FROM demo.customers", Long.class),
        "the pooled connection still works after both");
  }

  @Test
  void badSqlBecomesSpringsBadSqlGrammarException() {
    BadSqlGrammarException e = assertThrows(BadSqlGrammarException.class,
        () -> jdbc.queryForList("SELECT no_such_column FROM demo.customers"));
    assertTrue(e.getSQLException().getSQLState().startsWith("42"), e.getSQLException().getSQLState());
  }
}
