package dev.cleanroomsjdbc.local.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the whole state as one JSON file ({@code state.json}) after every change and loads it on start. Each save
 * writes a temporary file, forces it to disk and renames it over the previous one, so a kill at any moment leaves
 * either the old or the new state, never a half-written file (a leftover temporary file is ignored).
 */
public final class StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
  static final String FILE = "state.json";
  private static final String TEMP = FILE + ".tmp";
  private static final int VERSION = 1;
  private static final ObjectMapper MAPPER = mapper();

  /** A record store saved under {@code name}, with the record type to read it back as. */
  record Kind<T>(String name, Class<T> type, RecordStore<T> store) {
    void load(JsonNode array) throws IOException {
      for (JsonNode element : array) {
        store.put(MAPPER.treeToValue(element, type));
      }
    }
  }

  private final Path dir;

  private StateStore(Path dir) {
    this.dir = dir;
  }

  /** The store in {@code dir}, created if missing. */
  static StateStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + dir, e);
    }
    return new StateStore(dir);
  }

  /** Reads the saved state into {@code state} (which must be empty and not yet saving); nothing when none. */
  void load(CleanRoomsState state) {
    Path file = dir.resolve(FILE);
    try {
      // A temporary file is a save that never reached its rename: the state before it is the one to keep.
      if (Files.deleteIfExists(dir.resolve(TEMP))) {
        LOG.warn("ignored an unfinished save in {}", dir.resolve(TEMP));
      }
      if (!Files.exists(file)) {
        LOG.info("no saved state in {}: starting empty", dir);
        return;
      }
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null || root.path("version").asInt() != VERSION) {
        throw new IOException("not a version " + VERSION + " state file");
      }
      for (JsonNode account : root.path("accounts")) {
        state.accounts().register(MAPPER.treeToValue(account, Account.class));
      }
      for (JsonNode table : root.path("glueTables")) {
        state.glue().put(MAPPER.treeToValue(table, GlueTable.class));
      }
      for (Kind<?> kind : state.kinds()) {
        kind.load(root.path("records").path(kind.name()));
      }
      Instant now = state.now();
      int interrupted = 0;
      for (JsonNode job : root.path("jobs")) {
        ProtectedJob.Snapshot saved = MAPPER.treeToValue(job, ProtectedJob.Snapshot.class);
        interrupted += saved.active() ? 1 : 0;
        state.jobs().put(ProtectedJob.restore(saved, now));
      }
      // Absent in files saved before queries were kept: no queries.
      int interruptedQueries = 0;
      for (JsonNode query : root.path("queries")) {
        ProtectedQuery.Snapshot saved = MAPPER.treeToValue(query, ProtectedQuery.Snapshot.class);
        interruptedQueries += saved.active() ? 1 : 0;
        state.queries().put(ProtectedQuery.restore(saved, now));
      }
      LOG.info("loaded the saved state from {} ({} protected jobs and {} protected queries in progress at the stop"
          + " now FAILED)", file, interrupted, interruptedQueries);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the saved local Clean Rooms state " + file + ": " + e.getMessage()
          + "; move the file away to start with empty state", e);
    }
  }

  /**
   * Saves after a change. A failure is logged, not thrown: the change has happened in memory already and the
   * caller (a request, or a job's runner thread) cannot undo it; the next save that works writes it.
   */
  void saveAfterChange(CleanRoomsState state) {
    try {
      save(state);
    } catch (RuntimeException e) {
      LOG.error("the local Clean Rooms state could not be saved; changes are kept in memory only", e);
    }
  }

  /** Writes the current state; serialized, so the last save to finish saw every change made before it began. */
  synchronized void save(CleanRoomsState state) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.set("accounts", MAPPER.valueToTree(state.accounts().all()));
    root.set("glueTables", MAPPER.valueToTree(state.glue().all()));
    ObjectNode records = root.putObject("records");
    for (Kind<?> kind : state.kinds()) {
      records.set(kind.name(), MAPPER.valueToTree(kind.store().all()));
    }
    ArrayNode jobs = root.putArray("jobs");
    state.jobs().all().forEach(job -> jobs.add(MAPPER.valueToTree(job.snapshot())));
    ArrayNode queries = root.putArray("queries");
    state.queries().all().forEach(query -> queries.add(MAPPER.valueToTree(query.snapshot())));
    try {
      write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the local Clean Rooms state in " + dir, e);
    }
  }

  private void write(byte[] bytes) throws IOException {
    Path temp = dir.resolve(TEMP);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory();
  }

  // The rename is durable only once the directory entry is on disk; not every platform can open a directory.
  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot force the directory {} to disk", dir, e);
    }
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // Absent, not null: records read back get null fields (a JSON null would become a NullNode).
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        // Records only: helpers such as AnalysisTemplate.isJob() are not state.
        .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Override
  public String toString() {
    return "StateStore[" + dir + "]";
  }
}
