/**
 * The local Clean Rooms' S3: an in-process s3proxy server that accepts any account's keys
 * ({@link dev.cleanroomsjdbc.local.storage.LocalS3}), the reader that streams a table's CSV or Parquet files as
 * typed rows, and the writer that lays a result out as Spark-style Snappy Parquet part files plus {@code _SUCCESS}.
 */
package dev.cleanroomsjdbc.local.storage;
