package dev.cleanroomsjdbc.local.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A thread-safe, insertion-ordered map of records by id (insertion order is creation order, which lists use). */
public final class RecordStore<T> {
  private final Map<String, T> byId = new LinkedHashMap<>();
  private final Function<T, String> idOf;

  public RecordStore(Function<T, String> idOf) {
    this.idOf = idOf;
  }

  public synchronized T put(T value) {
    byId.put(idOf.apply(value), value);
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
  public synchronized boolean putIfNone(Predicate<T> conflict, T value) {
    for (T existing : byId.values()) {
      if (conflict.test(existing)) {
        return false;
      }
    }
    put(value);
    return true;
  }
}
