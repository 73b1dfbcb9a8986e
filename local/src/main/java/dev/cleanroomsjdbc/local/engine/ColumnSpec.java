package dev.cleanroomsjdbc.local.engine;

/** A column as Clean Rooms shows it: a lower-case name and a Glue type string such as {@code decimal(10,2)}. */
public record ColumnSpec(String name, String type) {}
