package dev.cleanroomsjdbc.schema;

import dev.cleanroomsjdbc.plan.CleanRoomsSqlDialect;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.Schema;

/**
 * A collaboration's metadata as the service returned it (the membership, the tables' schemas, the templates, the
 * analysis rules), shared by the connections of one JVM that open the same membership at the same endpoint as the
 * same identity, for a time-to-live (connection property {@code metadataCacheTtlSeconds}): BI tools open many
 * connections, and each would otherwise read it all again. {@code CALL cleanrooms.refresh_metadata()} (or
 * {@link #clear()}) drops it, so that the next use reads it again. Only the SDK's immutable model objects are
 * shared; every connection builds its own Calcite tables and functions from them.
 */
public final class MetadataCache {
  private static final ConcurrentHashMap<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

  private MetadataCache() {}

  /** Who reads what: the endpoint (null: the region's), region, membership as given, caller's access key id. */
  public record Key(String endpoint, String region, String membership, String identity) {}

  /**
   * The live entry for {@code key}, or a new one that replaces an expired entry. A zero {@code ttl} (or an
   * unknown identity) shares nothing: the caller gets an entry of its own.
   */
  public static Entry entry(Key key, Duration ttl) {
    if (ttl.isZero() || ttl.isNegative() || key.identity() == null) {
      return new Entry(Long.MAX_VALUE);
    }
    return ENTRIES.compute(key, (k, e) -> e != null && e.live() ? e : new Entry(System.nanoTime() + ttl.toNanos()));
  }

  /** The entry still to use after {@code current}: itself while live and not cleared, else the key's new one. */
  static Entry refresh(Entry current, Key key, Duration ttl) {
    if (current.live() && (current.isPrivate() || ENTRIES.get(key) == current)) {
      return current;
    }
    return entry(key, ttl);
  }

  /** Drops every shared entry (and marks them stale for the connections holding them); returns how many. */
  public static int clear() {
    int n = 0;
    for (Key k : List.copyOf(ENTRIES.keySet())) {
      Entry e = ENTRIES.remove(k);
      if (e != null) {
        e.cleared = true;
        n++;
      }
    }
    return n;
  }

  /** One membership's metadata, each part read on first use. */
  public static final class Entry {
    private final long expiresAt;
    private volatile boolean cleared;
    final Memo<Membership> membership = new Memo<>();
    final Memo<List<Schema>> schemas = new Memo<>();
    final Memo<List<CollaborationAnalysisTemplate>> templates = new Memo<>();
    final Memo<List<AnalysisRule>> analysisRules = new Memo<>();
    final Memo<CleanRoomsSqlDialect> dialect = new Memo<>();

    private Entry(long expiresAt) {
      this.expiresAt = expiresAt;
    }

    boolean isPrivate() {
      return expiresAt == Long.MAX_VALUE;
    }

    boolean live() {
      return !cleared && (isPrivate() || System.nanoTime() - expiresAt < 0);
    }

    public Membership membership(Load<Membership> load) throws SQLException {
      return membership.get(load);
    }
  }

  /** Reads something from the service. */
  public interface Load<T> {
    T run() throws SQLException;
  }

  /** A value read once, by the first caller; a failed read is not kept, so the next caller tries again. */
  static final class Memo<T> {
    private volatile T value;

    T get(Load<T> load) throws SQLException {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = load.run();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
