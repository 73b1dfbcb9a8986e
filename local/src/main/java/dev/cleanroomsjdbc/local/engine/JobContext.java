package dev.cleanroomsjdbc.local.engine;

import dev.cleanroomsjdbc.local.storage.CloseableIterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a {@link JvmEntryPoint} gets, like PySpark's {@code context}: each referenced table (by alias) as a fresh
 * row stream per call, its columns, the analysis parameters, and the cancel flag to poll.
 *
 * @param referencedTables each call opens the table anew; values are String, Long, Integer, Short, Byte, Double,
 *     Float, BigDecimal, Boolean, LocalDate or Instant; the caller closes the iterator
 */
public record JobContext(
    Map<String, Supplier<CloseableIterator<Object[]>>> referencedTables,
    Map<String, List<ColumnSpec>> referencedColumns,
    Map<String, String> analysisParameters,
    BooleanSupplier cancelled) {}
