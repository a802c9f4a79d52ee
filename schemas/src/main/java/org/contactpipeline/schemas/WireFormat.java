package org.contactpipeline.schemas;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.registry.SchemaRegistryClient;
import org.contactpipeline.schemas.registry.Subject;
import org.contactpipeline.schemas.registry.Subjects;
import org.contactpipeline.schemas.registry.WriterReadiness;
import org.contactpipeline.schemas.registry.WriterSchemaIds;

/**
 * How one deployment encodes the values of its topics, chosen once by {@code SCHEMA_REGISTRY_URL}:
 * without it, Avro's single-object encoding ({@link Topics}' serdes, readable by anyone with this
 * project's schemas); with it, Confluent's wire format under each topic's {@code <topic>-value}
 * subject, readable by any Confluent deserializer that knows the registry. Readers of the Confluent
 * format also read single-object records, so a topic can switch without a gap.
 *
 * <p>Keys are the same either way ({@link Topics#CONTACT_KEY_SERDE} and plain strings): the bytes
 * of a key decide its partition and what compaction keeps.
 */
public final class WireFormat {

  private static final WireFormat SINGLE_OBJECT = new WireFormat(null, null);

  private final SchemaRegistryClient registry;
  private final WriterSchemaIds writerIds;
  private final Serde<ContactCommand> commands;
  private final Serde<ContactResult> results;
  private final Serde<ContactRecord> changelog;
  private final Serde<ContactCommand> deadLetters;
  private final Serde<ContactJob> jobs;
  private final Serde<ContactJobResult> jobResults;

  private WireFormat(SchemaRegistryClient registry, WriterSchemaIds writerIds) {
    this.registry = registry;
    this.writerIds = writerIds;
    // Topics' own serdes are the single-object encoding, and what Confluent-framed readers fall
    // back on.
    this.commands =
        serde(Subjects.COMMANDS, (AvroSerde<ContactCommand>) Topics.COMMANDS.valueSerde());
    this.results = serde(Subjects.RESULTS, (AvroSerde<ContactResult>) Topics.RESULTS.valueSerde());
    this.changelog =
        serde(Subjects.CHANGELOG, (AvroSerde<ContactRecord>) Topics.CHANGELOG.valueSerde());
    this.deadLetters =
        serde(Subjects.DEAD_LETTERS, (AvroSerde<ContactCommand>) Topics.COMMANDS.valueSerde());
    this.jobs = serde(Subjects.JOBS, (AvroSerde<ContactJob>) Topics.JOBS.valueSerde());
    this.jobResults =
        serde(Subjects.JOB_RESULTS, (AvroSerde<ContactJobResult>) Topics.JOB_RESULTS.valueSerde());
  }

  /** Avro single-object encoding everywhere: the default, with no registry. */
  public static WireFormat singleObject() {
    return SINGLE_OBJECT;
  }

  /** Confluent framing with this registry's IDs for every subject of {@link Subjects#ALL}. */
  public static WireFormat confluent(SchemaRegistryClient registry) {
    return new WireFormat(registry, new WriterSchemaIds(registry, Subjects.ALL));
  }

  /** Confluent framing when a registry URL is given, single-object encoding when it is empty. */
  public static WireFormat forRegistry(String registryUrl) {
    return registryUrl == null || registryUrl.isBlank()
        ? singleObject()
        : confluent(SchemaRegistryClient.at(registryUrl.strip()));
  }

  public boolean isConfluent() {
    return registry != null;
  }

  /** The registry of a Confluent-framed deployment. */
  public Optional<SchemaRegistryClient> registry() {
    return Optional.ofNullable(registry);
  }

  /** Values of {@code contact.commands}. */
  public Serde<ContactCommand> commands() {
    return commands;
  }

  /** Values of {@code contact.results}. */
  public Serde<ContactResult> results() {
    return results;
  }

  /** Values of {@code contact.changelog}: golden records ({@code null} for a tombstone). */
  public Serde<ContactRecord> changelog() {
    return changelog;
  }

  /** Values of {@code contact.dead-letters} that the resolver writes: the commands it refused. */
  public Serde<ContactCommand> deadLetters() {
    return deadLetters;
  }

  /** Values of {@code contact.jobs}: asynchronous jobs as ingest-service accepted them. */
  public Serde<ContactJob> jobs() {
    return jobs;
  }

  /** Values of {@code contact.job-results}: the assembled outcome of each finished job. */
  public Serde<ContactJobResult> jobResults() {
    return jobResults;
  }

  /**
   * Blocks until the registry holds this build's schema of every subject (a writer must not start
   * before), or {@code stop} says to give up; returns at once for single-object encoding.
   *
   * @return whether the service can write
   */
  public boolean awaitWriterIds(BooleanSupplier stop) {
    return writerIds == null || writerIds.await(stop);
  }

  /**
   * Ready when a Confluent-framed deployment's registry holds every writer schema; always ready
   * otherwise. The services report it as their {@code schema-registry} health check.
   */
  public WriterReadiness writerReadiness() {
    return writerIds != null
        ? writerIds.readiness()
        : WriterReadiness.ready("none: Avro single-object encoding");
  }

  @Override
  public String toString() {
    return isConfluent()
        ? "Confluent wire format, schema registry " + registry.url()
        : "Avro single-object encoding";
  }

  private <T extends SpecificRecord> Serde<T> serde(Subject subject, AvroSerde<T> plain) {
    return registry == null ? plain : new ConfluentAvroSerde<>(subject, writerIds, registry, plain);
  }
}
