/**
 * The local Clean Rooms' job and query runtimes. Protected jobs ({@code .py} PySpark, {@code .sql} Spark SQL,
 * {@code .jvm} Java entry points) and the protected queries of SPARK collaborations run on Apache Spark 3.5
 * ({@link dev.cleanroomsjdbc.local.engine.spark}); CLEAN_ROOMS_SQL collaborations' queries, and the benchmark's
 * baseline, run on Apache Calcite. {@code docs/local-job-runtime.md} describes the contract.
 */
package dev.cleanroomsjdbc.local.engine;
