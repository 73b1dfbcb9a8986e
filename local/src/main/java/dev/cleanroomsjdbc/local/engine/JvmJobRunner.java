package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.CloseableIterator;
import dev.cleanroomsjdbc.local.storage.LocalS3;
import dev.cleanroomsjdbc.local.storage.ParquetResultWriter;
import dev.cleanroomsjdbc.local.storage.TableDataException;
import dev.cleanroomsjdbc.local.storage.TableReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs a {@code .jvm} job: loads the named {@link JvmEntryPoint} class and writes the results it returns. */
final class JvmJobRunner {
  private final LocalS3 s3;
  private final int rowsPerPart;

  JvmJobRunner(LocalS3 s3, int rowsPerPart) {
    this.s3 = s3;
    this.rowsPerPart = rowsPerPart;
  }

  List<String> run(JobSpec spec, String className, BooleanSupplier cancelled) throws JobFailure {
    JvmEntryPoint entryPoint = load(className);
    Map<String, ResultTable> results;
    try {
      results = entryPoint.entrypoint(context(spec, cancelled));
    } catch (JobFailure | CancellationException e) {
      throw e;
    } catch (Exception e) {
      throw failure(className, e, cancelled);
    }
    if (results == null || results.isEmpty()) {
      throw new JobFailure("MALFORMED_SCRIPT", "entry point " + className + " returned no results");
    }
    LocalJobRuntime.checkResultNames(new ArrayList<>(results.keySet()));
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, ResultTable> result : results.entrySet()) {
      ResultTable table = result.getValue();
      try {
        ParquetResultWriter.write(s3, spec.resultPrefix().resolve(result.getKey()), table.columns(), table.rows(),
            rowsPerPart, cancelled);
      } catch (CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw failure(className + " (result " + result.getKey() + ")", e, cancelled);
      } finally {
        if (table.rows() instanceof AutoCloseable closeable) {
          closeQuietly(closeable);
        }
      }
      names.add(result.getKey());
    }
    return names;
  }

  private static JvmEntryPoint load(String className) throws JobFailure {
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(className, true, loader != null ? loader : JvmJobRunner.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new JobFailure("MALFORMED_SCRIPT", "entry point class " + className + " cannot be loaded: " + e, e);
    }
    if (!JvmEntryPoint.class.isAssignableFrom(type)) {
      throw new JobFailure("MALFORMED_SCRIPT",
          "entry point class " + className + " does not implement " + JvmEntryPoint.class.getName());
    }
    try {
      return (JvmEntryPoint) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new JobFailure("MALFORMED_SCRIPT", "entry point class " + className
          + " cannot be instantiated (it needs a public no-arg constructor): " + e, e);
    }
  }

  private JobContext context(JobSpec spec, BooleanSupplier cancelled) {
    Map<String, Supplier<CloseableIterator<Object[]>>> tables = new LinkedHashMap<>();
    Map<String, List<ColumnSpec>> columns = new LinkedHashMap<>();
    for (Map.Entry<String, TableSource> table : spec.referencedTables().entrySet()) {
      TableSource source = table.getValue();
      tables.put(table.getKey(), () -> TableReader.open(s3, source));
      columns.put(table.getKey(), List.copyOf(source.columns()));
    }
    return new JobContext(Collections.unmodifiableMap(tables), Collections.unmodifiableMap(columns),
        Collections.unmodifiableMap(new LinkedHashMap<>(spec.analysisParameters())), cancelled);
  }

  private static JobFailure failure(String where, Exception e, BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean() && !(e instanceof TableDataException)) {
      CancellationException cancel = new CancellationException("the job was cancelled");
      cancel.initCause(e);
      throw cancel;
    }
    if (e instanceof TableDataException) {
      return new JobFailure("INVALID_RESOURCE", e.getMessage(), e);
    }
    return StorageFailures.of(e)
        .orElseGet(() -> new JobFailure("MALFORMED_SCRIPT", "entry point " + where + " failed: " + e, e));
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // The result is already written; a failing close must not fail the job.
    }
  }
}
