/**
 * JVM entry points the tests run on the local Clean Rooms' Spark engine, and examples of
 * {@link dev.cleanroomsjdbc.local.spark.JvmEntryPoint}: typed rows, two results, counts of the referenced tables,
 * a failure with a code, a job that waits to be cancelled, and two that do what the service refuses.
 */
package dev.cleanroomsjdbc.testjobs;
