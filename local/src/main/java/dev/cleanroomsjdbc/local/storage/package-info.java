/**
 * The local Clean Rooms' S3: an in-process s3proxy server that checks each account's SigV4 signature and lets it
 * use its own buckets and read the results addressed to it ({@link dev.cleanroomsjdbc.local.storage.LocalS3},
 * {@link dev.cleanroomsjdbc.local.storage.StoragePolicy}), the reader that streams a table's CSV or Parquet files
 * as typed rows, and the writer that lays a result out as Spark-style Snappy Parquet part files plus
 * {@code _SUCCESS}.
 */
package dev.cleanroomsjdbc.local.storage;
