package dev.cleanroomsjdbc.local.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** A thread-safe, insertion-ordered map of records by id (insertion order is creation order, which lists use). */
public final class RecordStore<T> {
  private final Map<String, T> byId = new LinkedHashMap<>();
  private final Function<T, String> idOf;
  private final Consumer<T> stored;

  public RecordStore(Function<T, String> idOf) {
    this(idOf, value -> { });
  }

  /**
   * @param stored told about each record after it is stored, outside this store's lock (so that it may read
   *     every store, as saving the state does, without lock-order deadlocks)
   */
  RecordStore(Function<T, String> idOf, Consumer<T> stored) {
    this.idOf = idOf;
    this.stored = stored;
  }

  public T put(T value) {
    synchronized (this) {
      byId.put(idOf.apply(value), value);
    }
    stored.accept(value);
    return value;
  }

  public synchronized Optional<T> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public synchronized List<T> where(Predicate<T> filter) {
    List<T> out = new ArrayList<>();
    for (T value : byId.values()) {
      if (filter.test(value)) {
        out.add(value);
      }
    }
    return out;
  }

  /** Inserts {@code value} unless a stored record matches {@code conflict}; returns false in that case. */
  public boolean putIfNone(Predicate<T> conflict, T value) {
    synchronized (this) {
      for (T existing : byId.values()) {
        if (conflict.test(existing)) {
          return false;
        }
      }
      byId.put(idOf.apply(value), value);
    }
    stored.accept(value);
    return true;
  }

  /** Every record, in creation order. */
  public List<T> all() {
    return where(value -> true);
  }
}
