package org.contactpipeline.resolver;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.contactpipeline.config.CommitPacing;
import org.contactpipeline.schemas.OptionalFieldData;
import org.contactpipeline.schemas.ReleasedSchemas;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactIdentity;

/**
 * The resolver's topology: commands in; results, golden records and dead-lettered commands out.
 * Every node and store has a fixed name so state survives topology changes.
 *
 * <pre>
 * contact.commands ─► contact-resolver ─┬─► contact.results      (one per command, on its replyTo's partition)
 *                      [identities,     ├─► contact.changelog    (golden record on change, tombstone on delete)
 *                       keys by ID,     └─► contact.dead-letters (invalid or misrouted command, with reason)
 *                       sequences]
 * </pre>
 */
public final class ResolverTopology {

  public static final String COMMANDS_SOURCE = "commands-source";
  public static final String RESOLVER = "contact-resolver";
  public static final String RESULTS_SINK = "results-sink";
  public static final String CHANGELOG_SINK = "changelog-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /**
   * Contact key → its ID, status and version. Identity never expires, so neither does this store.
   */
  public static final String IDENTITY_STORE = "contact-identities";

  /**
   * Contact ID → its key, for commands addressed by ID; an entry goes when its contact is deleted.
   * Its completeness marker lives under ID 0 ({@link IdIndexBackfill}).
   */
  public static final String KEYS_BY_ID_STORE = "contact-keys-by-id";

  /**
   * A floor under the last sequence number issued on this partition, under {@link #SEQUENCE_KEY}:
   * raised by deletes only ({@link IdSequence}).
   */
  public static final String SEQUENCE_STORE = "contact-id-sequences";

  static final String SEQUENCE_KEY = "contact-id";

  /** How {@link #IDENTITY_STORE} holds its values: the released store schemas stay readable. */
  static final Serde<ContactIdentity> IDENTITY_SERDE =
      Topics.avro(
          ContactIdentity.class,
          OptionalFieldData.encoder(ContactIdentity.getClassSchema()),
          ContactIdentity.createDecoder(ReleasedSchemas.store()));

  private ResolverTopology() {}

  /**
   * @param metrics where the resolver counts its dead letters ({@link
   *     org.contactpipeline.metrics.MetricNames#RESOLVER_DEAD_LETTERS})
   */
  public static Topology build(ResolverConfig config, MeterRegistry metrics) {
    return build(config, metrics, StoreCaching.OFF);
  }

  /**
   * The production topology with {@code caching} in front of every store: {@link StoreCaching#OFF}
   * is what {@link #build(ResolverConfig, MeterRegistry)} builds; tests switch it on.
   */
  static Topology build(ResolverConfig config, MeterRegistry metrics, StoreCaching caching) {
    int partitions = config.commandsPartitions();
    DeadLetterCounts deadLetters = DeadLetterCounts.in(metrics);
    WireFormat wire = config.wireFormat();
    Topology topology = new Topology();
    // Commands in either encoding (the first byte tells); the outputs in this deployment's.
    topology.addSource(
        COMMANDS_SOURCE,
        Topics.COMMANDS.keySerde().deserializer(),
        wire.commands().deserializer(),
        Topics.COMMANDS.name());
    topology.addProcessor(
        RESOLVER,
        () -> new ContactResolver(partitions, CommitPacing.of(config.streams()), deadLetters),
        COMMANDS_SOURCE);
    // No store is cached in production (only tests switch the cache on: StoreCaching). A record
    // cache saves writes only for keys written twice between commits, rare for contacts; it cost
    // the stream thread a fifth of its time (a sorted-map
    // insert and a hit-ratio metric per access), and it held writes back until the commit, so
    // each commit's flush first sent them, and the cached ID sequence's changelog partitions
    // joined the transaction only then: flushes took 11-22 ms instead of 0.5-3.5 ms, and callers
    // arriving meanwhile waited them out.
    topology.addStateStore(
        caching.applyTo(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(IDENTITY_STORE),
                Topics.CONTACT_KEY_SERDE,
                IDENTITY_SERDE)),
        RESOLVER);
    topology.addStateStore(
        caching.applyTo(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KEYS_BY_ID_STORE),
                Serdes.Long(),
                Topics.CONTACT_KEY_SERDE)),
        RESOLVER);
    // The floor moves in the same transaction as the deletes that raise it, so a replay re-issues
    // the same IDs.
    topology.addStateStore(
        caching.applyTo(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEQUENCE_STORE), Serdes.String(), Serdes.Long())),
        RESOLVER);

    topology.addSink(
        RESULTS_SINK,
        Topics.RESULTS.name(),
        Topics.RESULTS.keySerde().serializer(),
        wire.results().serializer(),
        new ResultRouting(),
        RESOLVER);
    topology.addSink(
        CHANGELOG_SINK,
        Topics.CHANGELOG.name(),
        Topics.CHANGELOG.keySerde().serializer(),
        wire.changelog().serializer(),
        RESOLVER);
    topology.addSink(
        DEAD_LETTER_SINK,
        Topics.DEAD_LETTERS.name(),
        Topics.COMMANDS.keySerde().serializer(),
        wire.deadLetters().serializer(),
        RESOLVER);
    return topology;
  }
}
