package dev.cleanroomsjdbc.results;

import dev.cleanroomsjdbc.execution.Execution;
import dev.cleanroomsjdbc.execution.SqlState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.hadoop.ParquetFileReader;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the S3 result files of protected jobs and queries for one JDBC connection: lists them, derives row
 * types and streams rows, through an S3 client that lives exactly as long as this reader.
 */
public final class ResultReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResultReader.class);

  private final S3Access access;
  /** Created at the first read: a connection that only browses metadata never pays for an S3 client. */
  private S3Objects objects;
  private ResultLister lister;
  /** Decoder threads per streamed result: the cores, up to {@value #MAX_DECODERS}. */
  private static final int MAX_DECODERS = 4;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public ResultReader(S3Access access) {
    this.access = access;
  }

  /** The named results at an {@code s3://bucket/prefix/} location (or a single object), in name order. */
  public List<NamedResult> list(URI location) throws SQLException {
    checkOpen();
    return lister().list(location);
  }

  /** The row type of a result: from the first Parquet file's footer, or the first CSV file's header. */
  public RelDataType rowType(NamedResult result, RelDataTypeFactory typeFactory) throws SQLException {
    checkOpen();
    ResultFile first = result.files().get(0);
    try {
      S3Objects.Entry entry = S3Objects.locate(first.uri(), first.size());
      if (NamedResult.PARQUET.equals(result.format())) {
        try (ParquetFileReader reader = ParquetRowSource.open(new S3InputFile(objects(), entry))) {
          return ParquetTypes.rowType(reader.getFooter().getFileMetaData().getSchema(), typeFactory);
        }
      }
      try (CsvRowSource csv = new CsvRowSource(objects().open(entry), ResultLister.isGzip(first.uri()),
          first.uri().toString(), null)) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        RelDataType varchar = typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
        for (String name : csv.header()) {
          builder.add(name, varchar);
        }
        return builder.build();
      }
    } catch (SQLException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw fileError(first, e);
    }
  }

  /**
   * Streams every row of every file of {@code result}, in order, laid out as {@code rowType}. Read errors
   * surface from {@code current()} at the row that failed, as {@link ResultReadException}; close the enumerator
   * to stop reading.
   */
  public Enumerator<Object[]> open(NamedResult result, RelDataType rowType) {
    try {
      checkOpen();
    } catch (SQLException e) {
      throw new ResultReadException(e);
    }
    List<ResultFile> files = List.copyOf(result.files());
    // the reading thread reads on behalf of the statement: its cancel, timeout and close abort the reads
    Execution owner = Execution.current();
    PrefetchEnumerator.Producer producer = out -> {
      try (Execution.Scope scope = owner.enter()) {
        for (ResultFile file : files) {
          readFile(result.format(), file, rowType, out);
        }
      }
    };
    PrefetchEnumerator[] self = new PrefetchEnumerator[1];
    self[0] = new PrefetchEnumerator(producer, () -> open.remove(self[0]));
    open.add(self[0]);
    return self[0];
  }

  /**
   * Streams every row of every file of {@code result}, in order, laid out as {@code rowType}, as column batches
   * that several threads decode at once (see {@link BatchStream}); close the stream to stop reading.
   */
  public BatchStream openBatches(NamedResult result, RelDataType rowType) throws SQLException {
    checkOpen();
    int threads = Math.min(MAX_DECODERS, Runtime.getRuntime().availableProcessors());
    // the decoder threads read on behalf of the statement: its cancel, timeout and close abort their reads
    Execution owner = Execution.current();
    BatchStream[] self = new BatchStream[1];
    self[0] = new BatchStream(result.files(), ColumnBatch.kinds(rowType), threads, memoryBudget(), file -> {
      try (Execution.Scope scope = owner.enter()) {
        return onBehalfOf(owner, decoder(result.format(), file, rowType));
      }
    }, () -> open.remove(self[0]));
    open.add(self[0]);
    return self[0];
  }

  /**
   * The row-group bytes a stream's decoders may hold at once: a quarter of the heap (divided among the streams
   * open at the time), so that the decoders of a result written in large row groups take turns instead of
   * running the JVM out of memory.
   */
  private long memoryBudget() {
    return Runtime.getRuntime().maxMemory() / 4 / Math.max(1, open.size() + 1);
  }

  /** A decoder whose reads (Parquet opens a stream per column chunk as it goes) belong to {@code owner}. */
  private static BatchStream.FileDecoder onBehalfOf(Execution owner, BatchStream.FileDecoder decoder) {
    return new BatchStream.FileDecoder() {
      @Override
      public boolean fill(ColumnBatch batch, BatchStream.Memory memory) throws IOException, SQLException {
        try (Execution.Scope scope = owner.enter()) {
          return decoder.fill(batch, memory);
        }
      }

      @Override
      public void close() throws IOException {
        decoder.close();
      }
    };
  }

  private BatchStream.FileDecoder decoder(String format, ResultFile file, RelDataType rowType)
      throws IOException, SQLException {
    LOG.debug("Reading result file {}", file.uri()); // the same words on both paths: hosts grep their logs for it
    S3Objects.Entry entry = S3Objects.locate(file.uri(), file.size());
    if (NamedResult.PARQUET.equals(format)) {
      return new ParquetBatchSource(new S3InputFile(objects(), entry), rowType);
    }
    RowSource rows = new CsvRowSource(objects().open(entry), ResultLister.isGzip(file.uri()), file.uri().toString(),
        rowType);
    return new BatchStream.FileDecoder() {
      @Override
      public boolean fill(ColumnBatch batch, BatchStream.Memory memory) throws IOException, SQLException {
        int n = 0;
        Object[] row;
        while (n < batch.capacity() && (row = rows.next()) != null) {
          for (int c = 0; c < row.length; c++) {
            batch.put(c, n, row[c]);
          }
          n++;
        }
        batch.size(n);
        return n > 0;
      }

      @Override
      public void close() throws IOException {
        rows.close();
      }
    };
  }

  private void readFile(String format, ResultFile file, RelDataType rowType, PrefetchEnumerator.RowConsumer out)
      throws SQLException, PrefetchEnumerator.Stopped {
    LOG.debug("Reading result file {}", file.uri());
    try (RowSource rows = openFile(format, file, rowType)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        out.accept(row);
      }
    } catch (SQLException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (out.stopped()) {
        // an interrupted read after close is expected, not an error
        throw new PrefetchEnumerator.Stopped();
      }
      throw fileError(file, e);
    }
  }

  private RowSource openFile(String format, ResultFile file, RelDataType rowType) throws IOException, SQLException {
    S3Objects.Entry entry = S3Objects.locate(file.uri(), file.size());
    if (NamedResult.PARQUET.equals(format)) {
      return new ParquetRowSource(new S3InputFile(objects(), entry), rowType);
    }
    return new CsvRowSource(objects().open(entry), ResultLister.isGzip(file.uri()), file.uri().toString(), rowType);
  }

  /** The SQLException for a file that cannot be read, saying what to do about it. */
  static SQLException fileError(ResultFile file, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ObjectStream.StoppedRead stopped) {
        SQLException statement = stopped.statementError("Reading result file " + file.uri());
        if (statement != null) {
          return statement;
        }
      }
    }
    if (e instanceof FileNotFoundException || e instanceof NoSuchKeyException) {
      return SqlState.RESULT_IO_ERROR.exception("Result file " + file.uri() + " no longer exists (deleted after"
          + " the job finished?). Re-run the job to write its results again.", e);
    }
    return SqlState.RESULT_IO_ERROR.exception("Cannot read result file " + file.uri() + " (" + e.getMessage()
        + "): it is truncated, corrupt or not in the expected format. Check that nothing rewrote the job's"
        + " results, then re-run the job.", e);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw SqlState.CONNECTION_CLOSED.exception("The connection is closed: its result files can no longer be read");
    }
  }

  /** Stops every open enumerator and closes the S3 client. */
  @Override
  public void close() {
    closed = true;
    for (AutoCloseable e : List.copyOf(open)) {
      try {
        e.close();
      } catch (Exception ignored) {
        // closing a stream only stops its threads; there is nothing to report
      }
    }
    synchronized (this) {
      if (objects != null) {
        objects.close();
      }
    }
  }

  private synchronized S3Objects objects() {
    if (objects == null) {
      objects = new S3Objects(access);
      lister = new ResultLister(objects);
    }
    return objects;
  }

  private synchronized ResultLister lister() {
    objects();
    return lister;
  }
}
