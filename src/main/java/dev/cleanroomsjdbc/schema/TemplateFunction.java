package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.NamedResult;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;

/**
 * An analysis template as a table function: {@code TABLE(schema.template())} and {@code CALL schema.template()}
 * run it as a protected job and read the job's first named result (the rest come from
 * {@code Statement.getMoreResults()}). The job runs when Calcite first needs the result's columns.
 */
public final class TemplateFunction extends CleanRoomsTableFunction {
  private final CollaborationSession session;
  private final CollaborationAnalysisTemplate template;

  public TemplateFunction(String schemaName, CollaborationSession session, CollaborationAnalysisTemplate template) {
    super(schemaName, template.name());
    this.session = session;
    this.template = template;
  }

  public CollaborationAnalysisTemplate template() {
    return template;
  }

  /**
   * PySpark templates take no arguments: SDK 2.40.2 cannot send job parameters (see docs/sql.md); SQL templates'
   * parameters arrive with protected queries.
   */
  @Override
  public List<FunctionParameter> getParameters() {
    return List.of();
  }

  /** The result this call reads, computed once per execution however often Calcite asks. */
  private Run run() throws SQLException {
    if (template.format() != AnalysisFormat.PYSPARK_1_0) {
      throw SqlState.FEATURE_NOT_SUPPORTED.exception("Analysis template " + template.name() + " has format "
          + template.formatAsString() + "; this driver version runs PYSPARK_1_0 templates (protected jobs) only");
    }
    return Execution.current().once(runKey(), () -> {
      CompletedJob job = session.runJob(template.arn());
      NamedResult first = session.resultsOf(job).get(0);
      return new Run(job, first, session.results().rowType(first, CleanRoomsTypeSystem.typeFactory()));
    });
  }

  @Override
  protected RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) throws SQLException {
    return typeFactory.copyType(run().rowType());
  }

  @Override
  protected Enumerable<Object[]> rows(List<?> arguments) throws SQLException {
    Run run = Execution.current().<Run>take(runKey()).orElse(null);
    if (run == null) {
      run = run(); // a prepared statement executed again: a new job
      Execution.current().take(runKey());
    }
    return ResultRows.of(session.results(), run.result(), run.rowType());
  }

  private String runKey() {
    return "template-run:" + template.arn();
  }

  /** A finished job of this template and the result this call reads. */
  private record Run(CompletedJob job, NamedResult result, RelDataType rowType) {}
}
