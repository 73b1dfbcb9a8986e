/**
 * Result reading: the S3 result files of protected jobs and queries (Parquet and CSV) become rows.
 * {@link dev.cleanroomsjdbc.results.ResultReader} lists a result location into named results, derives each one's
 * row type from the first file, and streams its rows, never holding a whole result in memory: as column batches
 * decoded by several daemon threads at once, in file order ({@link dev.cleanroomsjdbc.results.BatchStream}), for
 * results the driver returns as they are; as rows through a bounded prefetch queue for Calcite.
 */
package dev.cleanroomsjdbc.results;
