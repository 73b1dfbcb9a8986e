package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** The demo's deterministic tables (same values on every run) and the entry points of its templates. */
final class DemoData {
  static final List<ColumnSpec> CUSTOMERS = List.of(
      new ColumnSpec("customer_id", "bigint"),
      new ColumnSpec("segment", "string"),
      new ColumnSpec("signup_date", "date"),
      new ColumnSpec("lifetime_value", "decimal(10,2)"));
  static final List<ColumnSpec> IMPRESSIONS = List.of(
      new ColumnSpec("impression_id", "bigint"),
      new ColumnSpec("customer_id", "bigint"),
      new ColumnSpec("campaign", "string"),
      new ColumnSpec("shown_at", "timestamp"),
      new ColumnSpec("cost", "double"),
      new ColumnSpec("clicked", "boolean"));
  static final int CUSTOMER_ROWS = 2_000;
  static final int IMPRESSION_ROWS = 20_000;

  private static final String[] SEGMENTS = {"new", "loyal", "lapsed", "vip"};
  private static final String[] CAMPAIGNS = {"spring_sale", "summer_launch", "back_to_school", "holiday"};
  private static final LocalDate FIRST_SIGNUP = LocalDate.of(2023, 1, 1);
  private static final Instant FIRST_IMPRESSION = Instant.parse("2024-03-01T00:00:00Z");

  static final String CAMPAIGN_REACH_SQL = """
      -- Per campaign: customers reached, impressions, clicks and spend (impressions joined to customers).
      -- result: campaign_reach
      SELECT i.campaign,
             COUNT(DISTINCT i.customer_id) AS reached_customers,
             COUNT(*) AS impressions,
             SUM(CASE WHEN i.clicked THEN 1 ELSE 0 END) AS clicks,
             SUM(i.cost) AS spend
      FROM impressions i
      JOIN customers c ON c.customer_id = i.customer_id
      GROUP BY i.campaign
      ORDER BY i.campaign
      """;

  static final String SEGMENT_REPORT_SQL = """
      -- result: by_segment
      SELECT c.segment,
             COUNT(DISTINCT c.customer_id) AS customers,
             COUNT(i.impression_id) AS impressions,
             SUM(CASE WHEN i.clicked THEN 1 ELSE 0 END) AS clicks
      FROM customers c
      LEFT JOIN impressions i ON i.customer_id = c.customer_id
      GROUP BY c.segment
      ORDER BY c.segment;

      -- result: by_campaign_segment
      SELECT i.campaign,
             c.segment,
             COUNT(*) AS impressions,
             SUM(i.cost) AS spend
      FROM impressions i
      JOIN customers c ON c.customer_id = i.customer_id
      GROUP BY i.campaign, c.segment
      ORDER BY i.campaign, c.segment;
      """;

  static final String PYTHON_LIFT = """
      # A PySpark entry point as AWS Clean Rooms runs it. The local Clean Rooms cannot run Python:
      # jobs of this template fail with MALFORMED_SCRIPT (use a .sql or .jvm entry point locally).
      def entrypoint(context):
          customers = context['referencedTables']['customers']
          impressions = context['referencedTables']['impressions']
          lift = impressions.join(customers, 'customer_id').groupBy('segment').avg('cost')
          return {'results': {'lift': lift}}
      """;

  private DemoData() {}

  static void writeCustomers(LocalS3 s3, S3Location folder) {
    ParquetResultWriter.write(s3, folder, CUSTOMERS, rows(CUSTOMER_ROWS, DemoData::customer), CUSTOMER_ROWS,
        () -> false);
  }

  static void writeImpressions(LocalS3 s3, S3Location folder) {
    ParquetResultWriter.write(s3, folder, IMPRESSIONS, rows(IMPRESSION_ROWS, DemoData::impression),
        IMPRESSION_ROWS, () -> false);
  }

  private static Object[] customer(int i) {
    long id = i + 1;
    return new Object[] {
        id,
        SEGMENTS[(int) (id * 7 % SEGMENTS.length)],
        FIRST_SIGNUP.plusDays(id * 37 % 700),
        BigDecimal.valueOf(id * 7919 % 250_000, 2)
    };
  }

  // Customer ids run up to 2,500 so that some impressions match no advertiser customer, as in real data.
  private static Object[] impression(int i) {
    long id = i + 1;
    return new Object[] {
        id,
        1 + (id * 7_907 % 2_500),
        CAMPAIGNS[(int) (id * 13 % CAMPAIGNS.length)],
        FIRST_IMPRESSION.plusSeconds(id * 131),
        (id * 29 % 200) / 100.0 + 0.05,
        id % 11 == 0
    };
  }

  /** Generated lazily, so the demo never holds a table in memory. */
  private static Iterator<Object[]> rows(int count, IntFunction<Object[]> row) {
    return IntStream.range(0, count).mapToObj(row).iterator();
  }
}
