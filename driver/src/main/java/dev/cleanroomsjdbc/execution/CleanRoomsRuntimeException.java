package dev.cleanroomsjdbc.execution;

import java.sql.SQLException;

/**
 * Carries an {@link SQLException} through Calcite interfaces that cannot throw checked exceptions; the
 * driver's statement unwraps it so the user sees the original SQLState and message.
 */
public final class CleanRoomsRuntimeException extends RuntimeException {
  public CleanRoomsRuntimeException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
