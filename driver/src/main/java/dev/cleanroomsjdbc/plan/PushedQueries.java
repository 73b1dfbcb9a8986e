package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.Arrays;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Called by generated code at a CLEANROOMS boundary: binds the statement's parameter values into its SQL (Calcite
 * keeps them in the DataContext as {@code ?0}, {@code ?1}...) and runs it through the collaboration's schema.
 */
public final class PushedQueries {
  private PushedQueries() {}

  public static Enumerable<Object[]> run(DataContext root, String schemaName, String dialect, String[] parts,
      int[] parameters, String[] parameterTypes, String[] types) {
    SchemaPlus schema = root.getRootSchema().subSchemas().get(schemaName);
    PushdownTarget target = schema == null ? null : schema.unwrap(PushdownTarget.class);
    try {
      if (target == null) {
        throw SqlState.UNDEFINED_OBJECT.exception("Schema " + schemaName + " cannot run protected queries");
      }
      PushedSql sql = new PushedSql(Arrays.asList(parts), Arrays.stream(parameters).boxed().toList(),
          Arrays.stream(parameterTypes).map(SqlTypeName::valueOf).toList(), CleanRoomsSqlDialect.valueOf(dialect));
      String bound = sql.bind(index -> root.get("?" + index));
      return target.runPushedQuery(bound, Arrays.stream(types).map(SqlTypeName::valueOf).toList());
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }
}
