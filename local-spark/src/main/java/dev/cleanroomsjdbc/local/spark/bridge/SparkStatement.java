package dev.cleanroomsjdbc.local.spark.bridge;

/** One statement of a {@code .sql} job and the result name it is written under. */
public record SparkStatement(String name, String sql) {}
