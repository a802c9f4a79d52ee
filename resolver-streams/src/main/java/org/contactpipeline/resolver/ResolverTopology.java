package org.contactpipeline.resolver;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.contactpipeline.config.CommitPacing;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;

/**
 * The resolver's topology: commands in; results, golden records and dead-lettered commands out.
 * Every node and store has a fixed name so state survives topology changes.
 *
 * <pre>
 * contact.commands ─► contact-resolver ─┬─► contact.results      (one per command, on its replyTo's partition)
 *                      [golden records, ├─► contact.changelog    (golden record on change, tombstone on delete;
 *                       ID index,       │                         also the golden-record store's changelog)
 *                       sequences]      └─► contact.dead-letters (invalid or misrouted command, with reason)
 * </pre>
 *
 * <p>A new contact costs three records in Kafka: its command, its result and its golden record. The
 * golden-record store is restored from {@code contact.changelog}, which the resolver writes anyway,
 * instead of a changelog of its own; the ID index is rebuilt from the golden records ({@link
 * IdIndex}); the sequence store changes only on deletes (decision 0011).
 */
public final class ResolverTopology {

  public static final String COMMANDS_SOURCE = "commands-source";
  public static final String RESOLVER = "contact-resolver";
  public static final String RESULTS_SINK = "results-sink";
  public static final String CHANGELOG_SINK = "changelog-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /**
   * Contact key → its golden record, for every live contact of the partition. Identity never
   * expires, so neither does this store. It has no changelog of its own: {@code contact.changelog},
   * where the resolver writes each of its records and tombstones in the same transaction, restores
   * it ({@link StoreRestoredFromOutput}).
   */
  public static final String GOLDEN_RECORD_STORE = "contact-golden-records";

  /**
   * Contact ID → its key, for commands addressed by ID; without a changelog, rebuilt from {@link
   * #GOLDEN_RECORD_STORE} ({@link IdIndex}).
   */
  public static final String ID_INDEX_STORE = "contact-id-index";

  /**
   * A floor under the last sequence number issued on this partition, under {@link #SEQUENCE_KEY}:
   * raised by deletes only ({@link IdSequence}).
   */
  public static final String SEQUENCE_STORE = "contact-id-sequences";

  static final String SEQUENCE_KEY = "contact-id";

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
    StoreRestoredFromOutput topology = new StoreRestoredFromOutput();
    // Commands in either encoding (the first byte tells); the outputs in this deployment's.
    topology.addSource(
        COMMANDS_SOURCE,
        Topics.COMMANDS.keySerde().deserializer(),
        wire.commands().deserializer(),
        Topics.COMMANDS.name());
    topology.addProcessor(
        RESOLVER,
        () ->
            new ContactResolver(
                partitions, CommitPacing.of(config.streams()), deadLetters, wire.changelog()),
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
                    Stores.persistentKeyValueStore(GOLDEN_RECORD_STORE),
                    Topics.CHANGELOG.keySerde(),
                    Serdes.ByteArray())
                .withLoggingDisabled()),
        RESOLVER);
    topology.restoreFrom(GOLDEN_RECORD_STORE, Topics.CHANGELOG.name());
    topology.addStateStore(
        caching.applyTo(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ID_INDEX_STORE),
                    Serdes.Long(),
                    Topics.CONTACT_KEY_SERDE)
                .withLoggingDisabled()),
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
    // Golden records arrive encoded (GoldenRecords): the bytes the store keeps.
    topology.addSink(
        CHANGELOG_SINK,
        Topics.CHANGELOG.name(),
        Topics.CHANGELOG.keySerde().serializer(),
        Serdes.ByteArray().serializer(),
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
