package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.contactpipeline.config.CommitPacing;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the resolver asks Kafka Streams for a commit of its own. Answers do not wait for commits, so
 * only a delete (whose answer waits for the row to go) asks for one early; everything else waits
 * for Streams' commit interval. TopologyTestDriver commits after every record, so this drives the
 * processor with a mock context that records what it asked for.
 */
@Timeout(10)
class ContactResolverCommitTest {

  private static final long NOW = 1_700_000_000_000L;

  private final ResolverConfig config =
      ResolverConfig.from(Settings.layer(ResolverConfig.DEFAULTS, Map.of()));
  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
  private final ContactKey key = new ContactKey("demo", 0, "alice@example.com");
  private ContactResolver resolver;

  @BeforeEach
  void initResolver() {
    addStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ResolverTopology.GOLDEN_RECORD_STORE),
            Topics.CONTACT_KEY_SERDE,
            Serdes.ByteArray()));
    addStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ResolverTopology.ID_INDEX_STORE),
            Serdes.Long(),
            Topics.CONTACT_KEY_SERDE));
    addStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ResolverTopology.SEQUENCE_STORE),
            Serdes.String(),
            Serdes.Long()));
    context.setCurrentSystemTimeMs(NOW);
    context.setRecordMetadata(
        Topics.COMMANDS.name(), OwnerPartition.of(key, config.commandsPartitions()), 0);
    resolver =
        new ContactResolver(
            config.commandsPartitions(),
            CommitPacing.of(config.streams()),
            DeadLetterCounts.in(new SimpleMeterRegistry()),
            Topics.CHANGELOG.valueSerde());
    resolver.init(context);
  }

  @Test
  void shouldLeaveTheCommitToStreamsForFreshWritesNobodyWaitsToSeeCommitted() {
    process(CommandAction.UPSERT, NOW);
    process(CommandAction.ESTABLISH, NOW + 1);

    punctuateAt(NOW + 100);

    assertThat(context.committed()).isFalse();
  }

  @Test
  void shouldAskForTheCommitSoonAfterAFreshDeleteBecauseItsAnswerWaitsForTheRowToGo() {
    process(CommandAction.UPSERT, NOW);
    process(CommandAction.DELETE, NOW + 1);
    assertThat(context.committed()).isFalse();

    punctuateAt(NOW + 1 + awaitedWait());

    assertThat(context.committed()).isTrue();
  }

  @Test
  void shouldNotHurryADeleteFromABacklog() {
    process(CommandAction.UPSERT, NOW - 60_000);
    process(CommandAction.DELETE, NOW - 60_000);

    punctuateAt(NOW + 100);

    assertThat(context.committed()).isFalse();
  }

  /** CommitPacing asks half the awaited commit interval after the first fresh delete. */
  private long awaitedWait() {
    return config.streams().awaitedCommitInterval().toMillis() / 2;
  }

  private void process(CommandAction action, long timestamp) {
    ContactCommand command =
        ContactCommand.newBuilder()
            .setRequestId("req-" + action)
            .setItemIndex(0)
            .setItemCount(1)
            .setKey(key)
            .setAction(action)
            .setReplyTo(null)
            .setIssuedAt(Instant.ofEpochMilli(timestamp))
            .build();
    resolver.process(new Record<>(key, command, timestamp));
  }

  private void punctuateAt(long wallClockMs) {
    context.setCurrentSystemTimeMs(wallClockMs);
    context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(wallClockMs));
  }

  private void addStore(StoreBuilder<? extends KeyValueStore<?, ?>> builder) {
    KeyValueStore<?, ?> store = builder.withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }
}
