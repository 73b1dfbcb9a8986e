package dev.cleanroomsjdbc.local;

import dev.cleanroomsjdbc.local.engine.ColumnSpec;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AggregateColumn;
import software.amazon.awssdk.services.cleanrooms.model.AggregateFunctionName;
import software.amazon.awssdk.services.cleanrooms.model.AggregationConstraint;
import software.amazon.awssdk.services.cleanrooms.model.AggregationType;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleAggregation;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleList;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.JoinRequiredOption;
import software.amazon.awssdk.services.cleanrooms.model.ScalarFunctions;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Arranges, through the SDK clients, the demo collaboration's tables under AGGREGATION and LIST rules: the
 * publisher's visits and the advertiser's (the query runner's) users, each once under each rule.
 */
final class RuleTables {
  static final String USERS_CSV = "user_id,tier,ltv\n1,gold,10\n2,gold,20\n3,silver,30\n4,silver,40\n5,bronze,50\n";
  /** Visitor 1 visits twice; visitor 6 is no advertiser user. */
  static final String VISITS_CSV = "visitor_id,region,spend\n1,north,1.0\n1,north,2.0\n2,north,3.0\n3,south,4.0\n"
      + "4,south,5.0\n5,east,6.0\n6,east,7.0\n";
  private static final List<ColumnSpec> USERS = List.of(new ColumnSpec("user_id", "bigint"),
      new ColumnSpec("tier", "string"), new ColumnSpec("ltv", "double"));
  private static final List<ColumnSpec> VISITS = List.of(new ColumnSpec("visitor_id", "bigint"),
      new ColumnSpec("region", "string"), new ColumnSpec("spend", "double"));

  private RuleTables() {}

  /**
   * pub_visits and adv_users under AGGREGATION rules (pub_visits: SUM(spend), COUNT_DISTINCT(visitor_id), by
   * region, joined with the query runner, at least 2 distinct visitors per row; adv_users: AVG(ltv) by tier, at least
   * 2 distinct users per row, as the model requires one output constraint), and
   * pub_list and adv_list under LIST rules (listing region and tier, joined on the ids).
   */
  static void create(LocalCleanRooms local, DemoCollaboration.Demo demo, CleanRoomsClient advertiser,
      CleanRoomsClient publisher, S3Client s3) {
    // Each owner writes its own table data with its own keys.
    try (S3Client publisherS3 = DemoClients.s3(local, DemoCollaboration.PUBLISHER_ACCESS_KEY,
        DemoCollaboration.PUBLISHER_SECRET)) {
      data(local, publisherS3, "publisher-data", "visits", VISITS_CSV, VISITS);
    }
    data(local, s3, "advertiser-data", "users", USERS_CSV, USERS);
    share(publisher, demo.publisherMembershipId(), "visits", "pub_visits", ConfiguredTableAnalysisRulePolicyV1
        .fromAggregation(AnalysisRuleAggregation.builder()
            .aggregateColumns(aggregate("spend", AggregateFunctionName.SUM),
                aggregate("visitor_id", AggregateFunctionName.COUNT_DISTINCT))
            .joinColumns("visitor_id").joinRequired(JoinRequiredOption.QUERY_RUNNER).dimensionColumns("region")
            .scalarFunctions(ScalarFunctions.LOWER, ScalarFunctions.ROUND)
            .outputConstraints(AggregationConstraint.builder().columnName("visitor_id").minimum(2)
                .type(AggregationType.COUNT_DISTINCT).build()).build()));
    share(advertiser, demo.advertiserMembershipId(), "users", "adv_users", ConfiguredTableAnalysisRulePolicyV1
        .fromAggregation(AnalysisRuleAggregation.builder()
            .aggregateColumns(aggregate("ltv", AggregateFunctionName.AVG)).joinColumns("user_id")
            .dimensionColumns("tier").scalarFunctions(ScalarFunctions.LOWER, ScalarFunctions.UPPER,
                ScalarFunctions.ROUND).outputConstraints(AggregationConstraint.builder().columnName("user_id")
                .minimum(2).type(AggregationType.COUNT_DISTINCT).build()).build()));
    share(publisher, demo.publisherMembershipId(), "visits", "pub_list", ConfiguredTableAnalysisRulePolicyV1
        .fromList(AnalysisRuleList.builder().joinColumns("visitor_id").listColumns("region").build()));
    share(advertiser, demo.advertiserMembershipId(), "users", "adv_list", ConfiguredTableAnalysisRulePolicyV1
        .fromList(AnalysisRuleList.builder().joinColumns("user_id").listColumns("tier").build()));
  }

  private static AggregateColumn aggregate(String column, AggregateFunctionName function) {
    return AggregateColumn.builder().columnNames(column).function(function).build();
  }

  private static void data(LocalCleanRooms local, S3Client s3, String bucket, String name, String csv,
      List<ColumnSpec> columns) {
    s3.putObject(b -> b.bucket(bucket).key("rules/" + name + "/" + name + ".csv"), RequestBody.fromString(csv));
    local.registerGlueTable("rules_db", name, columns, new S3Location(bucket, "rules/" + name + "/"), "CSV");
  }

  private static void share(CleanRoomsClient client, String membershipId, String glueTable, String name,
      ConfiguredTableAnalysisRulePolicyV1 policy) {
    List<String> columns = glueTable.equals("visits") ? List.of("visitor_id", "region", "spend")
        : List.of("user_id", "tier", "ltv");
    String tableId = client.createConfiguredTable(b -> b.name(name)
        .tableReference(r -> r.glue(g -> g.databaseName("rules_db").tableName(glueTable)))
        .allowedColumns(columns).analysisMethod("DIRECT_QUERY")).configuredTable().id();
    client.createConfiguredTableAnalysisRule(b -> b.configuredTableIdentifier(tableId)
        .analysisRuleType(policy.aggregation() != null ? "AGGREGATION" : "LIST")
        .analysisRulePolicy(p -> p.v1(policy)));
    client.createConfiguredTableAssociation(b -> b.membershipIdentifier(membershipId)
        .configuredTableIdentifier(tableId).name(name).roleArn(JobFixture.ROLE));
  }
}
