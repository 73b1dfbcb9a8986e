package dev.cleanroomsjdbc.local.storage;

/** A table's files cannot be read as its declared columns (bad CSV value, unreadable Parquet, ...). */
public final class TableDataException extends RuntimeException {

  public TableDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
