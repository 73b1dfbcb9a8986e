package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Lists;
import com.google.common.collect.Multimap;
import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.plan.PushdownTarget;
import dev.cleanroomsjdbc.results.NamedResult;
import dev.cleanroomsjdbc.results.ValueCoercion;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.Schema;
import software.amazon.awssdk.services.cleanrooms.model.SchemaAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.SchemaSummary;

/**
 * A collaboration as a Calcite schema: its Clean Rooms schemas are tables and its analysis templates are
 * table functions (procedures). Both are read lazily with the batch calls (BatchGetSchema for 25 tables,
 * BatchGetCollaborationAnalysisTemplate for 10 templates at a time), never one call per table, and shared with
 * the JVM's other connections of the same membership and identity for a time-to-live ({@link MetadataCache}).
 */
public final class CollaborationSchema extends AbstractSchema implements PushdownTarget {
  private static final Logger LOG = LoggerFactory.getLogger(CollaborationSchema.class);
  private static final int SCHEMA_BATCH = 25;
  private static final int TEMPLATE_BATCH = 10;

  private final String name;
  private final CollaborationSession session;
  private final Preflight preflight = new Preflight(this);
  private volatile Built built;

  public CollaborationSchema(String name, CollaborationSession session) {
    this.name = name;
    this.session = session;
  }

  /** This connection's tables, functions and rules, built from one metadata entry (see {@link MetadataCache}). */
  private record Built(MetadataCache.Entry entry, Supplier<Map<String, Table>> tables,
      Supplier<Multimap<String, Function>> functions, Supplier<List<AnalysisRule>> analysisRules) {}

  /** Built again from the service's metadata once the shared entry expired or was refreshed. */
  private Built built() {
    MetadataCache.Entry entry = session.metadata();
    Built b = built;
    if (b == null || b.entry() != entry) {
      b = new Built(entry, Suppliers.memoize(() -> unchecked(() -> loadTables(entry))),
          Suppliers.memoize(() -> unchecked(() -> loadTemplates(entry))),
          Suppliers.memoize(() -> unchecked(() -> loadAnalysisRules(entry))));
      built = b;
    }
    return b;
  }

  public String name() {
    return name;
  }

  public CollaborationSession session() {
    return session;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return built().tables().get();
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return built().functions().get();
  }

  /** Runs SQL pushed down over this collaboration's tables as a protected query and streams its first result. */
  @Override
  public Enumerable<Object[]> runPushedQuery(String sql, List<SqlTypeName> columnTypes) throws SQLException {
    CompletedJob query = session.runQuery(sql);
    NamedResult result = session.resultsOf(query).get(0);
    RelDataType fileRowType = session.results().rowType(result, CleanRoomsTypeSystem.typeFactory());
    if (fileRowType.getFieldCount() != columnTypes.size()) {
      throw SqlState.INTERNAL_ERROR.exception("Protected query " + query.jobId() + " returned "
          + fileRowType.getFieldCount() + " columns where its SQL has " + columnTypes.size() + ": " + sql);
    }
    Enumerable<Object[]> rows = ResultRows.of(session.results(), result, fileRowType);
    return rows.select(row -> {
      Object[] out = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        out[i] = ValueCoercion.coerce(row[i], columnTypes.get(i));
      }
      return out;
    });
  }

  /** The analysis rules of every table, read once with BatchGetSchemaAnalysisRule (25 at a time). */
  public List<AnalysisRule> analysisRules() throws SQLException {
    try {
      return built().analysisRules().get();
    } catch (CleanRoomsRuntimeException e) {
      throw e.getCause();
    }
  }

  private List<AnalysisRule> loadAnalysisRules(MetadataCache.Entry entry) throws SQLException {
    return entry.analysisRules.get(this::fetchAnalysisRules);
  }

  private List<AnalysisRule> fetchAnalysisRules() throws SQLException {
    List<SchemaAnalysisRuleRequest> requests = new ArrayList<>();
    for (CleanRoomsTable table : collaborationTables()) {
      table.schema().analysisRuleTypesAsStrings().forEach(type ->
          requests.add(SchemaAnalysisRuleRequest.builder().name(table.schema().name()).type(type).build()));
    }
    List<AnalysisRule> rules = new ArrayList<>();
    for (List<SchemaAnalysisRuleRequest> batch : Lists.partition(requests, SCHEMA_BATCH)) {
      var response = call("BatchGetSchemaAnalysisRule", () -> session.client().batchGetSchemaAnalysisRule(b -> b
          .collaborationIdentifier(session.collaborationId()).schemaAnalysisRuleRequests(batch)));
      rules.addAll(response.analysisRules());
      response.errors().forEach(e -> LOG.warn("Analysis rule {} {} is not available: {} {}", e.name(), e.typeAsString(),
          e.code(), e.message()));
    }
    return List.copyOf(rules);
  }

  /** The collaboration's tables, in the order Clean Rooms lists them. */
  public List<CleanRoomsTable> collaborationTables() {
    List<CleanRoomsTable> list = new ArrayList<>();
    built().tables().get().values().forEach(t -> list.add((CleanRoomsTable) t));
    return list;
  }

  /** The templates, by name, as the procedures of this schema. */
  public List<TemplateFunction> templates() {
    List<TemplateFunction> list = new ArrayList<>();
    built().functions().get().values().forEach(f -> list.add((TemplateFunction) f));
    return list;
  }

  private Map<String, Table> loadTables(MetadataCache.Entry entry) throws SQLException {
    Map<String, Table> map = new LinkedHashMap<>();
    for (Schema s : entry.schemas.get(this::fetchSchemas)) {
      map.put(s.name(), new CleanRoomsTable(name, s, this::analysisRules, () -> unchecked(session::dialect)));
    }
    return map;
  }

  private List<Schema> fetchSchemas() throws SQLException {
    List<String> names = call("ListSchemas", () -> session.client()
        .listSchemasPaginator(b -> b.collaborationIdentifier(session.collaborationId())).schemaSummaries()
        .stream().map(SchemaSummary::name).toList());
    List<Schema> schemas = new ArrayList<>();
    for (List<String> batch : Lists.partition(names, SCHEMA_BATCH)) {
      var response = call("BatchGetSchema", () -> session.client().batchGetSchema(b -> b
          .collaborationIdentifier(session.collaborationId()).names(batch)));
      schemas.addAll(response.schemas());
      response.errors().forEach(e -> LOG.warn("Table {} is not available: {} {}", e.name(), e.code(), e.message()));
    }
    return List.copyOf(schemas);
  }

  private Multimap<String, Function> loadTemplates(MetadataCache.Entry entry) throws SQLException {
    ImmutableMultimap.Builder<String, Function> map = ImmutableMultimap.builder();
    for (CollaborationAnalysisTemplate t : entry.templates.get(this::fetchTemplates)) {
      map.put(t.name(), new TemplateFunction(name, session, t, preflight));
    }
    return map.build();
  }

  private List<CollaborationAnalysisTemplate> fetchTemplates() throws SQLException {
    List<String> arns = call("ListCollaborationAnalysisTemplates", () -> session.client()
        .listCollaborationAnalysisTemplatesPaginator(b -> b.collaborationIdentifier(session.collaborationId()))
        .collaborationAnalysisTemplateSummaries().stream().map(CollaborationAnalysisTemplateSummary::arn).toList());
    List<CollaborationAnalysisTemplate> templates = new ArrayList<>();
    for (List<String> batch : Lists.partition(arns, TEMPLATE_BATCH)) {
      var response = call("BatchGetCollaborationAnalysisTemplate", () -> session.client()
          .batchGetCollaborationAnalysisTemplate(b -> b.collaborationIdentifier(session.collaborationId())
              .analysisTemplateArns(batch)));
      templates.addAll(response.collaborationAnalysisTemplates());
      response.errors().forEach(e -> LOG.warn("Template {} is not available: {} {}", e.arn(), e.code(), e.message()));
    }
    return List.copyOf(templates);
  }

  /** Work that may fail with an SQLException, run where Calcite allows only unchecked ones. */
  private interface Load<T> {
    T run() throws SQLException;
  }

  private static <T> T unchecked(Load<T> load) {
    try {
      return load.run();
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }
}
