package dev.cleanroomsjdbc.local.storage;

import java.util.Iterator;

/** An iterator over rows that holds a file or a connection until it is closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  /** Releases what the iterator holds; never throws a checked exception. */
  @Override
  void close();

  /** Wraps a plain iterator that holds nothing. */
  static <T> CloseableIterator<T> of(Iterator<T> rows) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public T next() {
        return rows.next();
      }

      @Override
      public void close() {}
    };
  }
}
