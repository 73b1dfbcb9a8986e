package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.NamedResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;

/**
 * An analysis template as a table function: {@code TABLE(schema.template(...))} and {@code CALL schema.template(...)}
 * run a PySpark template as a protected job, and a SQL template as a protected query with its parameters, then
 * read the first named result (a CALL's further results come from {@code Statement.getMoreResults()}). The work
 * runs when Calcite first needs the result's columns, once per execution.
 */
public final class TemplateFunction extends CleanRoomsTableFunction {
  private final CollaborationSession session;
  private final CollaborationAnalysisTemplate template;
  private final List<FunctionParameter> parameters;
  private final Preflight preflight;

  TemplateFunction(String schemaName, CollaborationSession session, CollaborationAnalysisTemplate template,
      Preflight preflight) {
    super(schemaName, template.name());
    this.session = session;
    this.template = template;
    this.preflight = preflight;
    List<FunctionParameter> list = new ArrayList<>();
    for (AnalysisParameter p : parameterOrder(template)) {
      list.add(new TemplateParameter(list.size(), p));
    }
    this.parameters = List.copyOf(list);
  }

  /**
   * The template's parameters in the order SQL sees them: those without a default first, then those with one,
   * each group as the template declares it. SQL (and Calcite) can leave out only trailing parameters, so an
   * optional parameter declared before a required one could otherwise never be left out.
   */
  public static List<AnalysisParameter> parameterOrder(CollaborationAnalysisTemplate template) {
    List<AnalysisParameter> ordered = new ArrayList<>();
    template.analysisParameters().stream().filter(p -> p.defaultValue() == null).forEach(ordered::add);
    template.analysisParameters().stream().filter(p -> p.defaultValue() != null).forEach(ordered::add);
    return ordered;
  }

  public CollaborationAnalysisTemplate template() {
    return template;
  }

  /**
   * A SQL template's analysis parameters, optional where they have a default. PySpark templates take none:
   * SDK 2.40.2 cannot send job parameters.
   */
  @Override
  public List<FunctionParameter> getParameters() {
    return parameters;
  }

  /** The result this call reads, computed once per execution however often Calcite asks. */
  private Run run(List<?> arguments) throws SQLException {
    Map<String, String> values = values(arguments);
    return Execution.current().once(runKey(values), () -> {
      preflight.checkTemplate(template);
      CompletedJob work = template.format() == AnalysisFormat.SQL
          ? session.runQueryTemplate(template.arn(), template.name(), values)
          : session.runJob(template.arn(), template.name());
      NamedResult first = session.resultsOf(work).get(0);
      return new Run(work, first, session.results().rowType(first, CleanRoomsTypeSystem.typeFactory()));
    });
  }

  @Override
  protected RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) throws SQLException {
    return typeFactory.copyType(run(arguments).rowType());
  }

  @Override
  protected Enumerable<Object[]> rows(List<?> arguments) throws SQLException {
    String key = runKey(values(arguments));
    Run run = Execution.current().<Run>take(key).orElse(null);
    if (run == null) {
      run = run(arguments); // a prepared statement executed again: new work
      Execution.current().take(key);
    }
    return ResultRows.of(session.results(), run.result(), run.rowType());
  }

  /** The arguments as the service takes them: text, by parameter name; an omitted optional one is left out. */
  private Map<String, String> values(List<?> arguments) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      TemplateParameter p = (TemplateParameter) parameters.get(i);
      Object value = arguments.get(i);
      if (value == null && !p.isOptional()) {
        throw SqlState.INVALID_PARAMETER_VALUE.exception("Parameter " + p.getName() + " of analysis template "
            + template.name() + " needs a literal value (it has no default)");
      }
      if (value != null) {
        values.put(p.getName(), p.check(value, template.name()));
      }
    }
    return values;
  }

  private String runKey(Map<String, String> values) {
    return "template-run:" + template.arn() + values;
  }

  /** A finished job or query of this template and the result this call reads. */
  private record Run(CompletedJob work, NamedResult result, RelDataType rowType) {}
}
