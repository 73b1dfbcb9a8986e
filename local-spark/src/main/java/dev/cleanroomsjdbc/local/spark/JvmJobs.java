package dev.cleanroomsjdbc.local.spark;

import dev.cleanroomsjdbc.local.spark.bridge.SparkJobFailure;
import dev.cleanroomsjdbc.local.spark.bridge.SparkJobRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs a {@code .jvm} job: loads the named {@link JvmEntryPoint} where Spark's classes are and calls it. */
final class JvmJobs {
  private JvmJobs() {}

  static Map<String, Dataset<Row>> run(SparkSession session, SparkJobRequest job, Map<String, Dataset<Row>> tables,
      BooleanSupplier cancelled, JobGroup group) throws SparkJobFailure {
    String className = job.className();
    JvmEntryPoint entryPoint = load(className);
    JobContext context = new JobContext(session, Collections.unmodifiableMap(tables),
        Collections.unmodifiableMap(new LinkedHashMap<>(job.parameters())), cancelled);
    try {
      return entryPoint.entrypoint(context);
    } catch (SparkJobFailure | CancellationException e) {
      throw e;
    } catch (Exception e) {
      group.throwIfCancelled(e);
      SparkJobFailure failure = Failures.of("MALFORMED_SCRIPT", "entry point " + className + " failed: ", e);
      throw failure;
    }
  }

  private static JvmEntryPoint load(String className) throws SparkJobFailure {
    Class<?> type;
    try {
      type = Class.forName(className, true, JvmJobs.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "entry point class " + className + " cannot be loaded: " + e);
    }
    if (!JvmEntryPoint.class.isAssignableFrom(type)) {
      throw new SparkJobFailure("MALFORMED_SCRIPT",
          "entry point class " + className + " does not implement " + JvmEntryPoint.class.getName());
    }
    try {
      return (JvmEntryPoint) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SparkJobFailure("MALFORMED_SCRIPT", "entry point class " + className
          + " cannot be instantiated (it needs a public no-arg constructor): " + e);
    }
  }
}
