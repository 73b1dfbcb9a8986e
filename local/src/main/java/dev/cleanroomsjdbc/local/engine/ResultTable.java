package dev.cleanroomsjdbc.local.engine;

import java.util.Iterator;
import java.util.List;

/**
 * One named result of a {@link JvmEntryPoint}: its columns (Glue types) and its rows, streamed once; an iterator
 * that is also {@link AutoCloseable} is closed after writing.
 */
public record ResultTable(List<ColumnSpec> columns, Iterator<Object[]> rows) {}
