package dev.cleanroomsjdbc.plan;

import dev.cleanroomsjdbc.execution.CleanRoomsRuntimeException;
import dev.cleanroomsjdbc.execution.SqlState;
import java.sql.SQLException;
import java.util.Arrays;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/** Called by generated code at a CLEANROOMS boundary: runs its SQL through the collaboration's schema. */
public final class PushedQueries {
  private PushedQueries() {}

  public static Enumerable<Object[]> run(DataContext root, String schemaName, String sql, String[] types) {
    SchemaPlus schema = root.getRootSchema().subSchemas().get(schemaName);
    PushdownTarget target = schema == null ? null : schema.unwrap(PushdownTarget.class);
    try {
      if (target == null) {
        throw SqlState.UNDEFINED_OBJECT.exception("Schema " + schemaName + " cannot run protected queries");
      }
      return target.runPushedQuery(sql, Arrays.stream(types).map(SqlTypeName::valueOf).toList());
    } catch (SQLException e) {
      throw new CleanRoomsRuntimeException(e);
    }
  }
}
