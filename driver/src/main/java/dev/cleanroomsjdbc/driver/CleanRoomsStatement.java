package dev.cleanroomsjdbc.driver;

import dev.cleanroomsjdbc.execution.JobProgress;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a Clean Rooms statement offers beyond JDBC; get it with {@code statement.unwrap(CleanRoomsStatement.class)}.
 */
public interface CleanRoomsStatement extends Statement {

  /** Called from the executing thread each time the driver polls a running job (status, elapsed time). */
  void setProgressListener(Consumer<JobProgress> listener);

  /** The ids of the protected jobs the last execution ran to SUCCESS, e.g. to read their results again. */
  List<String> getJobIds();
}
