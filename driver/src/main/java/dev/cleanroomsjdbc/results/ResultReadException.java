package dev.cleanroomsjdbc.results;

import java.sql.SQLException;

/**
 * Unchecked carrier for a {@link SQLException} raised while rows stream through Calcite's
 * {@code Enumerator}, which cannot throw checked exceptions; the cause always carries the SQLState.
 */
public class ResultReadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultReadException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLException with the SQLState to report to the JDBC caller. */
  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
