package org.contactpipeline.schemas.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema IDs a service writes with: for each subject, the ID under which the registry holds
 * this build's schema. Looked up (never registered: that is {@link SchemaInit}'s job) and then
 * cached for the life of the service, so a registry outage after start stops nothing that writes.
 * Until every ID is found the service reports not ready, naming the subject that lacks its schema.
 */
public final class WriterSchemaIds {

  private static final Logger LOG = LoggerFactory.getLogger(WriterSchemaIds.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private final SchemaRegistryClient registry;
  private final List<Subject> subjects;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();

  public WriterSchemaIds(SchemaRegistryClient registry, List<Subject> subjects) {
    this.registry = registry;
    this.subjects = List.copyOf(subjects);
  }

  /** The ID to frame this subject's values with; looked up now if not yet known. */
  public int idOf(Subject subject) {
    Integer known = ids.get(subject.name());
    if (known != null) {
      return known;
    }
    OptionalInt found = registry.lookup(subject.name(), subject.writerSchema());
    if (found.isEmpty()) {
      throw new SchemaRegistryException(
          lacks(subject), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
    ids.put(subject.name(), found.getAsInt());
    return found.getAsInt();
  }

  /**
   * Looks up every ID not yet known; what is still missing, as sentences (empty when all are
   * known).
   */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (Subject subject : subjects) {
      try {
        idOf(subject);
      } catch (SchemaRegistryException e) {
        missing.add(e.isNotFound() ? lacks(subject) : e.getMessage());
      } catch (SchemaRegistryUnavailableException e) {
        missing.add(e.getMessage());
        break;
      }
    }
    return missing;
  }

  /**
   * Blocks until every ID is known or {@code stop} says to give up, looking again every half
   * second; meanwhile {@link #readiness()} reports what is missing.
   *
   * @return whether every ID is known
   */
  public boolean await(BooleanSupplier stop) {
    long nextLog = System.nanoTime();
    List<String> missing = missing();
    while (!missing.isEmpty()) {
      if (stop.getAsBoolean()) {
        return false;
      }
      if (System.nanoTime() >= nextLog) {
        LOG.warn(
            "waiting for the schema registry {} to hold this release's schemas (run schema-init): {}",
            registry.url(),
            missing);
        nextLog = System.nanoTime() + LOG_EVERY.toNanos();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      missing = missing();
    }
    LOG.info("schema ids from {}: {}", registry.url(), known());
    return true;
  }

  /** Ready once every subject's ID is known (looking the missing ones up now). */
  public WriterReadiness readiness() {
    List<String> missing = missing();
    return missing.isEmpty()
        ? WriterReadiness.ready(known())
        : WriterReadiness.notReady(String.join("; ", missing));
  }

  private String known() {
    StringJoiner joined = new StringJoiner(", ", "ids ", "");
    subjects.forEach(subject -> joined.add(subject.name() + "=" + ids.get(subject.name())));
    return joined.toString();
  }

  private String lacks(Subject subject) {
    return subject.name()
        + " lacks this release's "
        + subject.current().getName()
        + " (fingerprint "
        + Long.toHexString(SchemaNormalization.parsingFingerprint64(subject.current()))
        + ") in "
        + registry.url()
        + ": run schema-init";
  }
}
