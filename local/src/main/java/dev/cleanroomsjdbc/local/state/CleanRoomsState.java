package dev.cleanroomsjdbc.local.state;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Everything the local Clean Rooms knows, in memory and, when made {@link #persistent}, saved after every change;
 * each store is thread-safe on its own.
 */
public final class CleanRoomsState {
  private final Clock clock;
  // Declared before the stores: store(...) registers each record store here, under the name it is saved as.
  private final List<StateStore.Kind<?>> kinds = new ArrayList<>();
  private final AccountRegistry accounts = new AccountRegistry(this::changed);
  private final GlueCatalog glue = new GlueCatalog(this::changed);
  private final RecordStore<Collaboration> collaborations =
      store("collaborations", Collaboration.class, Collaboration::id);
  private final RecordStore<Membership> memberships = store("memberships", Membership.class, Membership::id);
  private final RecordStore<ConfiguredTable> configuredTables =
      store("configuredTables", ConfiguredTable.class, ConfiguredTable::id);
  private final RecordStore<TableAnalysisRule> tableRules =
      store("tableRules", TableAnalysisRule.class, r -> r.configuredTableId() + "/" + r.type());
  private final RecordStore<TableAssociation> associations =
      store("associations", TableAssociation.class, TableAssociation::id);
  private final RecordStore<AssociationAnalysisRule> associationRules =
      store("associationRules", AssociationAnalysisRule.class, r -> r.associationId() + "/" + r.type());
  private final RecordStore<AnalysisTemplate> templates =
      store("templates", AnalysisTemplate.class, AnalysisTemplate::id);
  private final RecordStore<BucketGrant> bucketGrants = store("bucketGrants", BucketGrant.class, BucketGrant::key);
  private final RecordStore<ProtectedJob> jobs = new RecordStore<>(ProtectedJob::id, job -> {
    job.onChange(this::changed);
    changed();
  });
  private final RecordStore<ProtectedQuery> queries = new RecordStore<>(ProtectedQuery::id, query -> {
    query.onChange(this::changed);
    changed();
  });
  private volatile StateStore saver;

  public CleanRoomsState(Clock clock) {
    this.clock = clock;
  }

  public CleanRoomsState() {
    this(Clock.systemUTC());
  }

  /**
   * State kept in {@code dir}: loaded from it when it holds saved state (jobs and queries that were in progress
   * come back FAILED), then saved there after every change.
   */
  public static CleanRoomsState persistent(Path dir) {
    CleanRoomsState state = new CleanRoomsState();
    StateStore saver = StateStore.open(dir);
    saver.load(state);
    state.saver = saver;
    saver.save(state);
    return state;
  }

  List<StateStore.Kind<?>> kinds() {
    return kinds;
  }

  /** A new lower-case UUID, the shape of every Clean Rooms resource id. */
  public String newId() {
    return UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
  }

  public Instant now() {
    return clock.instant();
  }

  public AccountRegistry accounts() {
    return accounts;
  }

  public GlueCatalog glue() {
    return glue;
  }

  public RecordStore<Collaboration> collaborations() {
    return collaborations;
  }

  public RecordStore<Membership> memberships() {
    return memberships;
  }

  public RecordStore<ConfiguredTable> configuredTables() {
    return configuredTables;
  }

  public RecordStore<TableAnalysisRule> tableRules() {
    return tableRules;
  }

  public RecordStore<TableAssociation> associations() {
    return associations;
  }

  public RecordStore<AssociationAnalysisRule> associationRules() {
    return associationRules;
  }

  public RecordStore<AnalysisTemplate> templates() {
    return templates;
  }

  /** Which accounts may use which buckets of the local S3 (the service's own identity may use every one). */
  public RecordStore<BucketGrant> bucketGrants() {
    return bucketGrants;
  }

  public RecordStore<ProtectedJob> jobs() {
    return jobs;
  }

  public RecordStore<ProtectedQuery> queries() {
    return queries;
  }

  private <T> RecordStore<T> store(String name, Class<T> type, Function<T, String> idOf) {
    RecordStore<T> store = new RecordStore<>(idOf, value -> changed());
    kinds.add(new StateStore.Kind<>(name, type, store));
    return store;
  }

  // Runs after each change, outside every store's lock; a no-op for in-memory state and while loading.
  private void changed() {
    StateStore current = saver;
    if (current != null) {
      current.saveAfterChange(this);
    }
  }
}
