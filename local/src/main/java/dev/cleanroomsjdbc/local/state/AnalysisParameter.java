package dev.cleanroomsjdbc.local.state;

/** A parameter a SQL analysis template declares: its name, its type, and its default value ({@code null}: none). */
public record AnalysisParameter(String name, String type, String defaultValue) {}
