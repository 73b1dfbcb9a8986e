/**
 * The local Clean Rooms' job runtime: it takes a protected job's entry point from S3 and runs it in-process,
 * either a Spark-like SQL script with Apache Calcite over the referenced tables ({@code .sql}) or a Java class
 * implementing {@link dev.cleanroomsjdbc.local.engine.JvmEntryPoint} ({@code .jvm}), and writes each named result
 * the way a PySpark job's results land in S3; {@code docs/local-job-runtime.md} describes the contract. Protected
 * queries run one SQL statement on the same Calcite set-up and write it as CSV or Parquet.
 */
package dev.cleanroomsjdbc.local.engine;
