/**
 * The local Clean Rooms' side of its Spark engine: finds Spark 3.5's jars, loads them with the engine
 * ({@code cleanrooms-local-spark}) in a class loader of their own ({@link
 * dev.cleanroomsjdbc.local.engine.spark.SparkClassLoader}), starts one session per JVM on first use, stages each
 * job's and query's tables from S3 to local disk and uploads what Spark wrote. docs/local-job-runtime.md says why.
 */
package dev.cleanroomsjdbc.local.engine.spark;
