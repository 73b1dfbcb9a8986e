/**
 * The local Clean Rooms' Spark engine, loaded with Spark 3.5's own jars in a class loader of its own: one session
 * per JVM, each job and query in a session of its own over its staged tables, the service's limits checked on
 * every analysed plan ({@link dev.cleanroomsjdbc.local.spark.Guard}), results written by Spark. User code meets
 * {@link dev.cleanroomsjdbc.local.spark.JvmEntryPoint} (Java) or PySpark's {@code entrypoint(context)} (Python).
 */
package dev.cleanroomsjdbc.local.spark;
