package dev.cleanroomsjdbc.local.conformance;

import static dev.cleanroomsjdbc.local.conformance.Resources.json;

import dev.cleanroomsjdbc.local.DemoCollaboration;
import dev.cleanroomsjdbc.local.conformance.RawRequests.Raw;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One or more valid requests of every operation the local Clean Rooms serves, each setting as many of the model's
 * members as the operation takes, so that {@link ConstraintCases} finds a constraint to break in each. A request's
 * {@code base} is what the invalid ones are made from (they fail validation before any lookup); {@code prepare}
 * makes the one actually sent (a running job to cancel, say) and {@code after} waits for what it started.
 */
final class ValidRequests {
  private static final String ADVERTISER = DemoCollaboration.ADVERTISER_ACCOUNT;
  private static final String PUBLISHER = DemoCollaboration.PUBLISHER_ACCOUNT;
  private static final String ROLE = Resources.ROLE;

  /** A valid request of {@code base.operation()}. */
  record Valid(Raw base, Supplier<Raw> prepare, Consumer<Raw> after) {

    String operation() {
      return base.operation();
    }
  }

  private final Resources r;
  private final List<Valid> out = new ArrayList<>();

  private ValidRequests(Resources resources) {
    this.r = resources;
  }

  static List<Valid> of(Resources resources) {
    ValidRequests requests = new ValidRequests(resources);
    requests.collaborations();
    requests.tables();
    requests.schemas();
    requests.templates();
    requests.jobs();
    requests.queries();
    return requests.out;
  }

  private void add(Raw raw) {
    out.add(new Valid(raw, () -> raw, sent -> { }));
  }

  private void add(Raw base, Supplier<Raw> prepare, Consumer<Raw> after) {
    out.add(new Valid(base, prepare, after));
  }

  private void collaborations() {
    Raw create = Raw.of("CreateCollaboration");
    create.json().setAll(json("{'name': '%s', 'description': 'generated', 'creatorDisplayName': 'advertiser',"
        + " 'creatorMemberAbilities': ['CAN_QUERY', 'CAN_RECEIVE_RESULTS', 'CAN_RUN_JOB'],"
        + " 'creatorMLMemberAbilities': {'customMLMemberAbilities': ['CAN_RECEIVE_MODEL_OUTPUT']},"
        + " 'creatorPaymentConfiguration': {'queryCompute': {'isResponsible': true},"
        + " 'jobCompute': {'isResponsible': true}},"
        + " 'members': [{'accountId': '%s', 'displayName': 'publisher', 'memberAbilities': ['CAN_RECEIVE_RESULTS'],"
        + " 'mlMemberAbilities': {'customMLMemberAbilities': ['CAN_RECEIVE_INFERENCE_OUTPUT']},"
        + " 'paymentConfiguration': {'queryCompute': {'isResponsible': false}}}],"
        + " 'queryLogStatus': 'DISABLED', 'jobLogStatus': 'ENABLED', 'analyticsEngine': 'SPARK',"
        + " 'dataEncryptionMetadata': {'allowCleartext': true, 'allowDuplicates': false,"
        + " 'allowJoinsOnColumnsWithDifferentNames': false, 'preserveNulls': true},"
        + " 'autoApprovedChangeRequestTypes': ['ADD_MEMBER'], 'allowedResultRegions': ['us-east-1'],"
        + " 'tags': {'team': 'generated'}}", r.unique("c"), PUBLISHER));
    add(create);
    add(Raw.of("GetCollaboration").path("collaborationIdentifier", r.demo.collaborationId()));
    Raw update = Raw.of("UpdateCollaboration").path("collaborationIdentifier", r.collaboration());
    update.json().setAll(json("{'name': 'renamed', 'description': 'described', 'analyticsEngine': 'SPARK'}"));
    add(update);
    add(Raw.of("ListCollaborations").query("memberStatus", "ACTIVE").query("maxResults", "10"));
    add(Raw.of("ListMembers").path("collaborationIdentifier", r.demo.collaborationId()).query("maxResults", "10"));
    Raw join = Raw.of("CreateMembership");
    join.json().setAll(json("{'collaborationIdentifier': '%s', 'queryLogStatus': 'DISABLED', 'jobLogStatus': 'DISABLED',"
        + " 'defaultResultConfiguration': {'outputConfiguration': {'s3': {'resultFormat': 'CSV',"
        + " 'bucket': 'demo-results', 'keyPrefix': 'generated', 'singleFileOutput': false}}, 'roleArn': '%s'},"
        + " 'defaultJobResultConfiguration': {'outputConfiguration': {'s3': {'bucket': 'demo-results',"
        + " 'keyPrefix': 'generated'}}, 'roleArn': '%s'},"
        + " 'paymentConfiguration': {'queryCompute': {'isResponsible': true}}, 'tags': {'team': 'generated'}}",
        r.collaboration(), ROLE, ROLE));
    add(join);
    add(Raw.of("GetMembership").path("membershipIdentifier", r.membership()));
    add(Raw.of("ListMemberships").query("status", "ACTIVE").query("maxResults", "10"));
    Raw updateMembership = Raw.of("UpdateMembership").path("membershipIdentifier", r.freshMembership());
    updateMembership.json().setAll(json("{'queryLogStatus': 'ENABLED', 'jobLogStatus': 'ENABLED',"
        + " 'defaultResultConfiguration': {'outputConfiguration': {'s3': {'resultFormat': 'PARQUET',"
        + " 'bucket': 'demo-results', 'keyPrefix': 'moved'}}},"
        + " 'defaultJobResultConfiguration': {'outputConfiguration': {'s3': {'bucket': 'demo-results'}},"
        + " 'roleArn': '%s'}}", ROLE));
    add(updateMembership);
  }

  private void tables() {
    Raw create = Raw.of("CreateConfiguredTable");
    create.json().setAll(json("{'name': '%s', 'description': 'generated',"
        + " 'tableReference': {'glue': {'databaseName': 'advertiser_db', 'tableName': 'customers',"
        + " 'region': 'us-east-1'}}, 'allowedColumns': ['customer_id', 'segment'], 'analysisMethod': 'MULTIPLE',"
        + " 'selectedAnalysisMethods': ['DIRECT_QUERY', 'DIRECT_JOB'], 'tags': {'team': 'generated'}}",
        r.unique("t")));
    add(create);
    add(Raw.of("GetConfiguredTable").path("configuredTableIdentifier", r.customersTable));
    add(Raw.of("ListConfiguredTables").query("maxResults", "10"));
    Raw update = Raw.of("UpdateConfiguredTable").path("configuredTableIdentifier", r.table(false));
    update.json().setAll(json("{'name': 'renamed', 'description': 'described', 'allowedColumns': ['customer_id'],"
        + " 'tableReference': {'glue': {'databaseName': 'advertiser_db', 'tableName': 'customers'}},"
        + " 'analysisMethod': 'MULTIPLE', 'selectedAnalysisMethods': ['DIRECT_JOB', 'DIRECT_QUERY']}"));
    add(update);
    rule("{'v1': {'custom': {'allowedAnalyses': ['ANY_QUERY', 'ANY_JOB'], 'allowedAnalysisProviders': ['%s'],"
        + " 'disallowedOutputColumns': ['segment'], 'additionalAnalyses': 'NOT_ALLOWED'}}}", "CUSTOM", ADVERTISER);
    rule("{'v1': {'aggregation': {'aggregateColumns': [{'columnNames': ['customer_id'], 'function': 'COUNT'}],"
        + " 'joinColumns': ['customer_id'], 'joinRequired': 'QUERY_RUNNER', 'allowedJoinOperators': ['AND'],"
        + " 'dimensionColumns': ['segment'], 'scalarFunctions': ['LOWER'], 'outputConstraints':"
        + " [{'columnName': 'customer_id', 'minimum': 2, 'type': 'COUNT_DISTINCT'}],"
        + " 'additionalAnalyses': 'NOT_ALLOWED'}}}", "AGGREGATION");
    rule("{'v1': {'list': {'joinColumns': ['customer_id'], 'allowedJoinOperators': ['OR', 'AND'],"
        + " 'listColumns': ['segment'], 'additionalAnalyses': 'ALLOWED'}}}", "LIST");
    add(Raw.of("GetConfiguredTableAnalysisRule").path("configuredTableIdentifier", r.customersTable)
        .path("analysisRuleType", "CUSTOM"));
    Raw associate = Raw.of("CreateConfiguredTableAssociation").path("membershipIdentifier", r.membership());
    associate.json().setAll(json("{'name': '%s', 'description': 'generated', 'configuredTableIdentifier': '%s',"
        + " 'roleArn': '%s', 'tags': {'team': 'generated'}}", r.unique("a"), r.table(true), ROLE));
    add(associate);
    add(Raw.of("GetConfiguredTableAssociation").path("membershipIdentifier", r.membership())
        .path("configuredTableAssociationIdentifier", r.customersAssociation));
    add(Raw.of("ListConfiguredTableAssociations").path("membershipIdentifier", r.membership())
        .query("maxResults", "10"));
    String association = r.association();
    Raw associationRule = Raw.of("CreateConfiguredTableAssociationAnalysisRule")
        .path("membershipIdentifier", r.membership()).path("configuredTableAssociationIdentifier", association);
    associationRule.json().setAll(json("{'analysisRuleType': 'CUSTOM', 'analysisRulePolicy': {'v1': {'custom':"
        + " {'allowedResultReceivers': ['%s']}}}}", ADVERTISER));
    add(associationRule);
    add(Raw.of("GetConfiguredTableAssociationAnalysisRule").path("membershipIdentifier", r.membership())
        .path("configuredTableAssociationIdentifier", association).path("analysisRuleType", "CUSTOM"));
  }

  private void rule(String policy, String type, Object... args) {
    Raw rule = Raw.of("CreateConfiguredTableAnalysisRule").path("configuredTableIdentifier", r.table(false));
    rule.json().put("analysisRuleType", type).set("analysisRulePolicy", json(policy, args));
    add(rule);
  }

  private void schemas() {
    String collaboration = r.demo.collaborationId();
    add(Raw.of("ListSchemas").path("collaborationIdentifier", collaboration).query("schemaType", "TABLE")
        .query("maxResults", "10"));
    add(Raw.of("GetSchema").path("collaborationIdentifier", collaboration).path("name", "customers"));
    Raw batch = Raw.of("BatchGetSchema").path("collaborationIdentifier", collaboration);
    batch.json().setAll(json("{'names': ['customers', 'impressions']}"));
    add(batch);
    add(Raw.of("GetSchemaAnalysisRule").path("collaborationIdentifier", collaboration).path("name", "customers")
        .path("type", "CUSTOM"));
    Raw rules = Raw.of("BatchGetSchemaAnalysisRule").path("collaborationIdentifier", collaboration);
    rules.json().setAll(json("{'schemaAnalysisRuleRequests': [{'name': 'customers', 'type': 'CUSTOM'}]}"));
    add(rules);
  }

  private void templates() {
    Raw sql = Raw.of("CreateAnalysisTemplate").path("membershipIdentifier", r.membership());
    sql.json().setAll(json("{'name': '%s', 'description': 'generated', 'format': 'SQL',"
        + " 'source': {'text': 'SELECT COUNT(*) AS n FROM customers WHERE segment = :seg'},"
        + " 'schema': {'referencedTables': ['customers']},"
        + " 'analysisParameters': [{'name': 'seg', 'type': 'VARCHAR', 'defaultValue': 'vip'}],"
        + " 'errorMessageConfiguration': {'type': 'DETAILED'}, 'tags': {'team': 'generated'}}", r.unique("s")));
    add(sql);
    Raw pyspark = Raw.of("CreateAnalysisTemplate").path("membershipIdentifier", r.membership());
    pyspark.json().setAll(json("{'name': '%s', 'format': 'PYSPARK_1_0', 'schema': {'referencedTables': ['customers']},"
        + " 'source': {'artifacts': {'entryPoint': {'location': {'bucket': 'demo-code', 'key': 'generated/count.sql'}},"
        + " 'additionalArtifacts': [{'location': {'bucket': 'demo-code', 'key': 'generated/slow.jvm'}}],"
        + " 'roleArn': '%s'}}}", r.unique("p"), ROLE));
    add(pyspark);
    add(Raw.of("GetAnalysisTemplate").path("membershipIdentifier", r.membership())
        .path("analysisTemplateIdentifier", r.templateId));
    add(Raw.of("ListAnalysisTemplates").path("membershipIdentifier", r.membership()).query("maxResults", "10"));
    Raw update = Raw.of("UpdateAnalysisTemplate").path("membershipIdentifier", r.membership())
        .path("analysisTemplateIdentifier", r.templateId);
    update.json().put("description", "described");
    add(update);
    String collaboration = r.demo.collaborationId();
    add(Raw.of("ListCollaborationAnalysisTemplates").path("collaborationIdentifier", collaboration)
        .query("maxResults", "10"));
    add(Raw.of("GetCollaborationAnalysisTemplate").path("collaborationIdentifier", collaboration)
        .path("analysisTemplateArn", r.templateArn));
    Raw batch = Raw.of("BatchGetCollaborationAnalysisTemplate").path("collaborationIdentifier", collaboration);
    batch.json().putArray("analysisTemplateArns").add(r.templateArn).add(r.sqlTemplateArn);
    add(batch);
  }

  private void jobs() {
    Raw start = Raw.of("StartProtectedJob").path("membershipIdentifier", r.membership());
    start.json().setAll(json("{'type': 'PYSPARK', 'jobParameters': {'analysisTemplateArn': '%s'},"
        + " 'resultConfiguration': {'outputConfiguration': {'member': {'accountId': '%s'}}},"
        + " 'computeConfiguration': {'worker': {'type': 'CR.4X', 'number': 4}}}", r.slowTemplateArn, ADVERTISER));
    add(start, () -> {
      r.stopJobs();
      return start;
    }, sent -> r.stopJobs());
    add(Raw.of("GetProtectedJob").path("membershipIdentifier", r.membership())
        .path("protectedJobIdentifier", r.endedJob));
    add(Raw.of("ListProtectedJobs").path("membershipIdentifier", r.membership()).query("status", "SUCCESS")
        .query("maxResults", "10"));
    Raw cancel = Raw.of("UpdateProtectedJob").path("membershipIdentifier", r.membership())
        .path("protectedJobIdentifier", r.endedJob);
    cancel.json().put("targetStatus", "CANCELLED");
    add(cancel, () -> {
      r.stopJobs();
      return cancel.copy().path("protectedJobIdentifier", r.runningJob());
    }, sent -> r.awaitJob(sent.path().get("protectedJobIdentifier")));
  }

  private void queries() {
    Raw start = Raw.of("StartProtectedQuery").path("membershipIdentifier", r.membership());
    start.json().setAll(json("{'type': 'SQL', 'sqlParameters': {'queryString': 'SELECT COUNT(*) AS n FROM customers'},"
        + " 'resultConfiguration': {'outputConfiguration': {'s3': {'resultFormat': 'CSV', 'bucket': 'demo-results',"
        + " 'keyPrefix': 'generated', 'singleFileOutput': true}}},"
        + " 'computeConfiguration': {'worker': {'type': 'CR.1X', 'number': 2}}}"));
    add(start, () -> start, sent -> r.awaitQueries());
    Raw template = Raw.of("StartProtectedQuery").path("membershipIdentifier", r.membership());
    template.json().setAll(json("{'type': 'SQL', 'sqlParameters': {'analysisTemplateArn': '%s',"
        + " 'parameters': {'seg': 'loyal'}}, 'resultConfiguration': {'outputConfiguration': {'member':"
        + " {'accountId': '%s'}}}}", r.sqlTemplateArn, ADVERTISER));
    add(template, () -> template, sent -> r.awaitQueries());
    add(Raw.of("GetProtectedQuery").path("membershipIdentifier", r.membership())
        .path("protectedQueryIdentifier", r.endedQuery));
    add(Raw.of("ListProtectedQueries").path("membershipIdentifier", r.membership()).query("status", "SUCCESS")
        .query("maxResults", "10"));
    Raw cancel = Raw.of("UpdateProtectedQuery").path("membershipIdentifier", r.membership())
        .path("protectedQueryIdentifier", r.endedQuery);
    cancel.json().put("targetStatus", "CANCELLED");
    add(cancel, () -> cancel.copy().path("protectedQueryIdentifier", r.startQuery(Resources.SLOW_QUERY)),
        sent -> r.awaitQuery(sent.path().get("protectedQueryIdentifier")));
  }
}
