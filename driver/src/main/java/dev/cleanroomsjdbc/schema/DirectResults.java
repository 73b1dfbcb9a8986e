package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.results.BatchStream;
import dev.cleanroomsjdbc.results.NamedResult;
import dev.cleanroomsjdbc.results.ResultReader;
import java.sql.SQLException;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Lets the driver stream a result itself when its statement returns the result as it is ({@code SELECT * FROM
 * TABLE(f(...))}, a CALL): while a capture is active on the thread that executes the statement, the first
 * result Calcite asks to read is handed to the capture instead, and Calcite's own rows are empty. Calcite still
 * plans the statement (and runs the template's job), so names, types and errors are the same either way.
 */
public final class DirectResults {
  private static final ThreadLocal<Capture> ACTIVE = new ThreadLocal<>();

  private DirectResults() {}

  /** Starts capturing on this thread, until the capture is closed. */
  public static Capture capture() {
    Capture c = new Capture(ACTIVE.get());
    ACTIVE.set(c);
    return c;
  }

  /** Hands the result to the active capture if it has none yet; false when the rows must be read for Calcite. */
  static boolean offer(ResultReader reader, NamedResult result, RelDataType rowType) {
    Capture c = ACTIVE.get();
    if (c == null || c.result != null) {
      return false;
    }
    c.reader = reader;
    c.result = result;
    c.rowType = rowType;
    return true;
  }

  /** What a statement's execution handed over, if anything. */
  public static final class Capture implements AutoCloseable {
    private final Capture previous;
    private ResultReader reader;
    private NamedResult result;
    private RelDataType rowType;

    private Capture(Capture previous) {
      this.previous = previous;
    }

    public boolean captured() {
      return result != null;
    }

    public RelDataType rowType() {
      return rowType;
    }

    /** Starts decoding the captured result. */
    public BatchStream open() throws SQLException {
      return reader.openBatches(result, rowType);
    }

    @Override
    public void close() {
      if (previous == null) {
        ACTIVE.remove();
      } else {
        ACTIVE.set(previous);
      }
    }
  }
}
