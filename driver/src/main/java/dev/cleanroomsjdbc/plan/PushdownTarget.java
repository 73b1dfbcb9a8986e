package dev.cleanroomsjdbc.plan;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A Calcite schema that can run pushed-down SQL as a protected query (the collaboration's schema). */
public interface PushdownTarget {

  /** Runs {@code sql} and streams its rows, each value in Calcite's representation of the given column type. */
  Enumerable<Object[]> runPushedQuery(String sql, List<SqlTypeName> columnTypes) throws SQLException;
}
