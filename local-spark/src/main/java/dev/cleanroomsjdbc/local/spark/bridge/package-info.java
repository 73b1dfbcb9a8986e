/**
 * What crosses the class-loader boundary between the local Clean Rooms and its Spark engine: interfaces, records
 * and one exception made of JDK types only, loaded once by the local Clean Rooms' own class loader and shared with
 * the loader that holds Spark 3.5 (docs/local-job-runtime.md, "What runs where").
 */
package dev.cleanroomsjdbc.local.spark.bridge;
