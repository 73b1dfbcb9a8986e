package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.execution.ProtectedJobRunner;
import dev.cleanroomsjdbc.execution.ProtectedQueryRunner;
import dev.cleanroomsjdbc.execution.ServiceErrors;
import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;

/**
 * {@code CALL cleanrooms.cancel_job('<id>')}: cancels a protected job or query of this membership by id and waits
 * until the service confirms it ended; one row {@code (id, kind, status)}. For what a killed process left running
 * (see docs/operations.md): {@code SELECT job_id FROM cleanrooms.protected_jobs WHERE status IN ('SUBMITTED',
 * 'STARTED')} finds it.
 */
public final class CancelJobFunction extends CleanRoomsTableFunction {
  public static final String NAME = "cancel_job";

  private final CollaborationSession session;

  public CancelJobFunction(String schemaName, CollaborationSession session) {
    super(schemaName, NAME);
    this.session = session;
  }

  @Override
  public List<org.apache.calcite.schema.FunctionParameter> getParameters() {
    return List.of(new org.apache.calcite.schema.FunctionParameter() {
      @Override
      public int getOrdinal() {
        return 0;
      }

      @Override
      public String getName() {
        return "id";
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        return typeFactory instanceof org.apache.calcite.adapter.java.JavaTypeFactory java
            ? java.createType(String.class) : typeFactory.createSqlType(SqlTypeName.VARCHAR);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    });
  }

  @Override
  protected RelDataType rowType(RelDataTypeFactory typeFactory, List<?> arguments) {
    RelDataType text = typeFactory.createSqlType(SqlTypeName.VARCHAR);
    return typeFactory.builder().add("id", text).add("kind", text).add("status", text).build();
  }

  @Override
  protected Enumerable<Object[]> rows(List<?> arguments) throws SQLException {
    Object argument = arguments.isEmpty() ? null : arguments.get(0);
    String id = argument instanceof NlsString nls ? nls.getValue() : argument instanceof String s ? s : null;
    if (id == null || id.isBlank()) {
      throw SqlState.INVALID_PARAMETER_VALUE.exception(NAME + " takes one character argument: the id of a protected"
          + " job or query of this membership");
    }
    String membership = session.membershipId();
    var client = session.client();
    try {
      client.getProtectedJob(b -> b.membershipIdentifier(membership).protectedJobIdentifier(id));
      return row(id, "PROTECTED_JOB", ProtectedJobRunner.cancel(client, membership, id));
    } catch (ResourceNotFoundException notAJob) {
      try {
        client.getProtectedQuery(b -> b.membershipIdentifier(membership).protectedQueryIdentifier(id));
        return row(id, "PROTECTED_QUERY", ProtectedQueryRunner.cancel(client, membership, id));
      } catch (ResourceNotFoundException notAQuery) {
        throw SqlState.UNDEFINED_OBJECT.exception("Membership " + membership + " has no protected job or query "
            + id, notAQuery);
      } catch (SdkException e) {
        throw ServiceErrors.toSqlException("GetProtectedQuery", e);
      }
    } catch (SdkException e) {
      throw ServiceErrors.toSqlException("GetProtectedJob", e);
    }
  }

  private static Enumerable<Object[]> row(String id, String kind, String status) {
    return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {id, kind, status}));
  }
}
