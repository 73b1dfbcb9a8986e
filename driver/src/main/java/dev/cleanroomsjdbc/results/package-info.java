/**
 * Result reading: the S3 result files of protected jobs and queries (Parquet and CSV) become streaming rows
 * for Calcite. {@link dev.cleanroomsjdbc.results.ResultReader} lists a result location into named results,
 * derives each one's row type from the first file, and streams its rows through a bounded prefetch queue
 * filled by one daemon thread that reads through the SDK's S3 client, one file at a time, so that no whole result is
 * ever held in memory.
 */
package dev.cleanroomsjdbc.results;
