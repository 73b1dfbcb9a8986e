package dev.cleanroomsjdbc.local.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Everything the local Clean Rooms knows, in memory; each store is thread-safe on its own. */
public final class CleanRoomsState {
  private final Clock clock;
  private final AccountRegistry accounts = new AccountRegistry();
  private final GlueCatalog glue = new GlueCatalog();
  private final RecordStore<Collaboration> collaborations = new RecordStore<>(Collaboration::id);
  private final RecordStore<Membership> memberships = new RecordStore<>(Membership::id);
  private final RecordStore<ConfiguredTable> configuredTables = new RecordStore<>(ConfiguredTable::id);
  private final RecordStore<TableAnalysisRule> tableRules =
      new RecordStore<>(r -> r.configuredTableId() + "/" + r.type());
  private final RecordStore<TableAssociation> associations = new RecordStore<>(TableAssociation::id);
  private final RecordStore<AnalysisTemplate> templates = new RecordStore<>(AnalysisTemplate::id);
  private final RecordStore<ProtectedJob> jobs = new RecordStore<>(ProtectedJob::id);

  public CleanRoomsState(Clock clock) {
    this.clock = clock;
  }

  public CleanRoomsState() {
    this(Clock.systemUTC());
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

  public RecordStore<AnalysisTemplate> templates() {
    return templates;
  }

  public RecordStore<ProtectedJob> jobs() {
    return jobs;
  }
}
