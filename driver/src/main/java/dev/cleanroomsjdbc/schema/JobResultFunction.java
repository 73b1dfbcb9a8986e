package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.CompletedJob;
import dev.cleanroomsjdbc.execution.SqlState;
import dev.cleanroomsjdbc.results.NamedResult;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * {@code TABLE(cleanrooms.job_result('job id', 'result name'))}: reads a finished job's named result again
 * from S3 without running anything. The driver also uses it for the second and later results of a CALL.
 */
public final class JobResultFunction extends CleanRoomsTableFunction {
  public static final String NAME = "job_result";

  private final CollaborationSession session;

  public JobResultFunction(String schemaName, CollaborationSession session) {
    super(schemaName, NAME);
    this.session = session;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(StringParameter.of(0, "job_id"), StringParameter.of(1, "result_name"));
  }

  @Override
  protected RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) throws SQLException {
    return typeFactory.copyType(session.results().rowType(find(arguments), CleanRoomsTypeSystem.typeFactory()));
  }

  @Override
  protected Enumerable<Object[]> rows(List<?> arguments) throws SQLException {
    NamedResult result = find(arguments);
    return ResultRows.of(session.results(), result, session.results().rowType(result, CleanRoomsTypeSystem.typeFactory()));
  }

  private NamedResult find(List<?> arguments) throws SQLException {
    String jobId = arguments.size() == 2 ? text(arguments.get(0)) : null;
    String name = arguments.size() == 2 ? text(arguments.get(1)) : null;
    if (jobId == null || name == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception(
          NAME + " takes two character literals: the protected job id and the result name");
    }
    CompletedJob job = session.pastJob(jobId);
    List<NamedResult> results = session.resultsOf(job);
    return results.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> SqlState.UNDEFINED_OBJECT.exception("Protected job " + jobId + " has no result named '"
            + name + "'; its results are " + results.stream().map(NamedResult::name).collect(Collectors.joining(", "))));
  }

  /** A character argument: a String at run time, an NlsString while Calcite validates; null otherwise. */
  private static String text(Object argument) {
    if (argument instanceof NlsString nls) {
      return nls.getValue();
    }
    return argument instanceof String s ? s : null;
  }

  /** A VARCHAR parameter of this function. */
  private record StringParameter(int getOrdinal, String getName) implements FunctionParameter {
    static StringParameter of(int ordinal, String name) {
      return new StringParameter(ordinal, name);
    }

    @Override
    public RelDataType getType(RelDataTypeFactory typeFactory) {
      // a Java type, so that Calcite hands literal arguments to getRowType as Strings
      return typeFactory instanceof JavaTypeFactory java
          ? java.createType(String.class)
          : typeFactory.createSqlType(SqlTypeName.VARCHAR);
    }

    @Override
    public boolean isOptional() {
      return false;
    }
  }
}
