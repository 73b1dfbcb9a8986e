package dev.cleanroomsjdbc.plan;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL of one pushed-down query as it was planned: its text split at each dynamic parameter ({@code ?}), with
 * the parameter's index and planned type, so that each execution binds its values as literals of the
 * collaboration's dialect ({@link CleanRoomsSqlDialect#literal}) and no statement reaches Clean Rooms with a
 * {@code ?} in it.
 *
 * @param parts the text around the parameters: one more than there are parameters
 * @param parameters the dynamic parameter index of each {@code ?}, in text order
 * @param types the planned type of each {@code ?}
 * @param dialect the SQL the text is written in, and its parameters' values will be
 */
public record PushedSql(List<String> parts, List<Integer> parameters, List<SqlTypeName> types,
    CleanRoomsSqlDialect dialect) {

  /** A value of a statement's parameter, by its 0-based index. */
  @FunctionalInterface
  public interface Values {
    Object get(int index) throws SQLException;
  }

  /** The SQL as EXPLAIN shows it, with a {@code ?} for each parameter. */
  public String text() {
    return String.join("?", parts);
  }

  /** The SQL with each parameter's value written as a literal of its dialect. */
  public String bind(Values values) throws SQLException {
    StringBuilder sql = new StringBuilder(parts.get(0));
    for (int i = 0; i < parameters.size(); i++) {
      int index = parameters.get(i);
      sql.append(dialect.literal(values.get(index), types.get(i), index + 1)).append(parts.get(i + 1));
    }
    return sql.toString();
  }
}
