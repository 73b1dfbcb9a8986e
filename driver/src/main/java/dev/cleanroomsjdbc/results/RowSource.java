package dev.cleanroomsjdbc.results;

import java.io.IOException;
import java.sql.SQLException;

/** The rows of one open result file, in file order. */
interface RowSource extends AutoCloseable {

  /** The next row laid out as the result's row type, or null after the last one. */
  Object[] next() throws IOException, SQLException;

  @Override
  void close() throws IOException;
}
