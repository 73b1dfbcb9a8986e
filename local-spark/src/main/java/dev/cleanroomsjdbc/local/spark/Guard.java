package dev.cleanroomsjdbc.local.spark;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.execution.command.DataWritingCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The service's limits on user code, checked by Spark on every analysed plan of a protected job's or query's
 * session: data only from the referenced tables as staged (no other path, no S3, JDBC or other source), only the
 * columns each configured table allows, no streaming, no UDTFs or Hive UDFs, writes only to the job's results.
 */
final class Guard {
  private static final Map<SparkSession, Policy> POLICIES = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * What one session may touch.
   *
   * @param tables each staged table directory (a URI path) with the schema it is read with
   * @param hidden for CSV tables (read whole, then projected), the column names user code must not reach
   * @param resultRoot the only directory writes may go to, or null when nothing may be written
   */
  record Policy(Map<String, StructType> tables, Map<String, Set<String>> hidden, String resultRoot) {}

  /** A plan the service would refuse; its message says what and why. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private Guard() {}

  static void register(SparkSession session, Policy policy) {
    POLICIES.put(session, policy);
  }

  static void check(SparkSession session, LogicalPlan plan) {
    Policy policy = POLICIES.get(session);
    if (policy == null) {
      return;
    }
    if (plan.isStreaming()) {
      throw new Refused("streaming is not supported in AWS Clean Rooms analyses; read the referenced tables"
          + " as batch DataFrames");
    }
    Map<ExprId, String> hidden = new HashMap<>();
    plan.foreach(node -> {
      checkNode(policy, node, hidden);
      return BoxedUnit.UNIT;
    });
    if (!hidden.isEmpty()) {
      plan.foreach(node -> {
        if (!node.children().isEmpty()) {
          for (Attribute a : CollectionConverters.asJava(node.references().toSeq())) {
            if (hidden.containsKey(a.exprId())) {
              throw new Refused("column " + hidden.get(a.exprId()) + " is not allowed by its configured table's"
                  + " analysis rule; only the table's allowed columns can be read");
            }
          }
        }
        return BoxedUnit.UNIT;
      });
    }
  }

  private static void checkNode(Policy policy, LogicalPlan node, Map<ExprId, String> hidden) {
    String type = node.getClass().getName();
    if (node instanceof LogicalRelation relation) {
      checkRelation(policy, relation, hidden);
    } else if (type.contains("DataSourceV2") || type.endsWith("HiveTableRelation")) {
      throw new Refused("reading data other than the referenced tables is not supported in AWS Clean Rooms"
          + " analyses (" + node.nodeName() + ")");
    } else if (node instanceof InsertIntoHadoopFsRelationCommand insert) {
      String target = uriPath(insert.outputPath());
      if (policy.resultRoot() == null || !target.startsWith(policy.resultRoot())) {
        throw new Refused("writing data is not supported in AWS Clean Rooms analyses; return DataFrames as"
            + " results instead");
      }
    } else if (node instanceof DataWritingCommand || node instanceof V2WriteCommand
        || type.contains("SaveIntoDataSource") || type.contains("InsertIntoDataSource")
        || type.contains("CreateTable") || type.contains("CreateDataSourceTable")) {
      throw new Refused("writing data or creating tables is not supported in AWS Clean Rooms analyses ("
          + node.nodeName() + "); return DataFrames as results instead");
    }
    for (Expression e : CollectionConverters.asJava(node.expressions())) {
      e.foreach(x -> {
        String name = x.getClass().getName();
        if (name.endsWith("PythonUDTF") || name.contains("UnresolvedPolymorphicPythonUDTF")) {
          throw new Refused("user-defined table functions (UDTFs) are not supported in AWS Clean Rooms analyses");
        }
        if (name.startsWith("org.apache.spark.sql.hive.")) {
          throw new Refused("Hive UDFs are not supported in AWS Clean Rooms analyses");
        }
        return BoxedUnit.UNIT;
      });
    }
  }

  private static void checkRelation(Policy policy, LogicalRelation relation, Map<ExprId, String> hidden) {
    if (!(relation.relation() instanceof HadoopFsRelation fs)) {
      throw new Refused("reading data other than the referenced tables is not supported in AWS Clean Rooms"
          + " analyses (" + relation.relation().getClass().getSimpleName() + ")");
    }
    for (Path root : CollectionConverters.asJava(fs.location().rootPaths())) {
      String path = uriPath(root);
      StructType allowed = policy.tables().get(path);
      if (allowed == null) {
        throw new Refused("reading " + root + " is not supported in AWS Clean Rooms analyses: the only data is"
            + " the referenced tables (context['referencedTables'])");
      }
      if (!sameColumns(allowed, fs.dataSchema())) {
        throw new Refused("a referenced table can only be read as the collaboration shows it: use"
            + " context['referencedTables']");
      }
      Set<String> names = policy.hidden().get(path);
      if (names != null) {
        for (Attribute a : CollectionConverters.asJava(relation.output())) {
          if (names.contains(a.name().toLowerCase(Locale.ROOT))) {
            hidden.put(a.exprId(), a.name());
          }
        }
      }
    }
  }

  private static boolean sameColumns(StructType a, StructType b) {
    StructField[] x = a.fields();
    StructField[] y = b.fields();
    if (x.length != y.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!x[i].name().equalsIgnoreCase(y[i].name()) || !x[i].dataType().sameType(y[i].dataType())) {
        return false;
      }
    }
    return true;
  }

  /** A path as compared here: its URI path with a trailing slash, so prefixes match whole directories. */
  static String uriPath(Path path) {
    String p = path.toUri().getPath();
    return p.endsWith("/") ? p : p + "/";
  }

  static String uriPath(java.nio.file.Path path) {
    return uriPath(new Path(path.toAbsolutePath().toUri()));
  }
}
