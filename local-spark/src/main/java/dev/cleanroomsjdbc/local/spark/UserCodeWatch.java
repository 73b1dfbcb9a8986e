package dev.cleanroomsjdbc.local.spark;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Tells RDD work in user code apart from DataFrame work: every Spark job a DataFrame action starts carries a SQL
 * execution id; a job started by a user job's code without one came from the RDD API, which the service does not
 * support. Such a job is cancelled and the user job fails.
 */
final class UserCodeWatch extends SparkListener {
  static final String RDD_REFUSED = "RDD operations are not supported in AWS Clean Rooms analyses"
      + " (PySpark 1.0 runs DataFrame and Spark SQL code only); use the DataFrame API";

  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private volatile SparkContext context;

  void attach(SparkContext sc) {
    this.context = sc;
  }

  void watch(String jobGroup) {
    watched.add(jobGroup);
  }

  /** Stops watching and returns why the group's work was refused, or null. */
  String release(String jobGroup) {
    watched.remove(jobGroup);
    return refused.remove(jobGroup);
  }

  String refusal(String jobGroup) {
    return refused.get(jobGroup);
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties properties = start.properties();
    if (properties == null) {
      return;
    }
    String group = properties.getProperty("spark.jobGroup.id");
    if (group != null && watched.contains(group) && properties.getProperty("spark.sql.execution.id") == null) {
      refused.putIfAbsent(group, RDD_REFUSED);
      SparkContext sc = context;
      if (sc != null) {
        sc.cancelJob(start.jobId(), "RDD work in a protected job");
      }
    }
  }
}
