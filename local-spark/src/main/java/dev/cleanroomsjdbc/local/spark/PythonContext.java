package dev.cleanroomsjdbc.local.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the Python bootstrap of one job reads and reports through Py4J; its public methods are called from Python. */
public final class PythonContext {
  private final SparkSession session;
  private final Map<String, Dataset<Row>> tables;
  private final Map<String, String> parameters;
  private final String jobGroup;
  private final Map<String, Dataset<Row>> results = new LinkedHashMap<>();
  private volatile String failure;

  PythonContext(SparkSession session, Map<String, Dataset<Row>> tables, Map<String, String> parameters,
      String jobGroup) {
    this.session = session;
    this.tables = tables;
    this.parameters = parameters;
    this.jobGroup = jobGroup;
  }

  public SparkSession sparkSession() {
    return session;
  }

  public JavaSparkContext javaSparkContext() {
    return JavaSparkContext.fromSparkContext(session.sparkContext());
  }

  public Map<String, Dataset<Row>> tables() {
    return tables;
  }

  public Map<String, String> parameters() {
    return parameters;
  }

  public String jobGroup() {
    return jobGroup;
  }

  public synchronized void addResult(String name, Dataset<Row> frame) {
    results.put(name, frame);
  }

  /** The script failed; {@code message} is its error and the line of the script it came from. */
  public void fail(String message) {
    this.failure = message;
  }

  synchronized Map<String, Dataset<Row>> results() {
    return new LinkedHashMap<>(results);
  }

  String failure() {
    return failure;
  }
}
