package dev.cleanroomsjdbc.local.spark.bridge;

/** A column by name with its Glue type string ({@code bigint}, {@code decimal(10,2)}, ...). */
public record SparkColumn(String name, String type) {}
