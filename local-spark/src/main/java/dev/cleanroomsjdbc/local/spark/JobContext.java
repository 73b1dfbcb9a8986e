package dev.cleanroomsjdbc.local.spark;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a {@link JvmEntryPoint} gets, as PySpark's {@code context} dict: the job's Spark session, each referenced
 * table by alias (only the columns its configured table allows), the analysis parameters (name to string), and
 * the cancel flag for work of its own between Spark actions (Spark's own work is cancelled for it).
 */
public record JobContext(
    SparkSession sparkSession,
    Map<String, Dataset<Row>> referencedTables,
    Map<String, String> analysisParameters,
    BooleanSupplier cancelled) {}
