package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 3 across a resolver restart: commands keep arriving while the resolver is
 * stopped mid-stream and started again; afterwards every command has exactly one result, no
 * key has changed its ID, and no two keys share one.
 */
class ResolverRestartIT {

  private static final int KEYS = 100;

  @Test
  void shouldChangeNoIdAndLoseNoCommandWhenTheResolverRestartsMidStream() throws Exception {
    LocalStack stack = TestStack.get();
    String run = "restart-" + UUID.randomUUID();
    List<ContactKey> known = new ArrayList<>();
    List<ContactKey> fresh = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      known.add(new ContactKey("demo", 0, run + "-known-" + i));
      fresh.add(new ContactKey("demo", 0, run + "-fresh-" + i));
    }
    Map<String, Long> before = new Api(stack.httpUrl(), "demo-token")
        .establishIds(known.stream().map(ContactKey::getContactKey).toList());

    List<String> requestIds = new ArrayList<>();
    try (KafkaProducer<ContactKey, ContactCommand> producer = PipelineTopics.commandProducer(stack.bootstrapServers())) {
      List<Future<?>> sent = new ArrayList<>();
      publishRound(producer, run + "-a", known, fresh, requestIds, sent);
      // Stop while the first round is still being processed: its transactions abort and replay.
      stack.resolver().close();
      publishRound(producer, run + "-b", known, fresh, requestIds, sent);
      for (Future<?> ack : sent) {
        ack.get();
      }
      stack.resolver().start();
      publishRound(producer, run + "-c", known, fresh, requestIds, sent);
      for (Future<?> ack : sent) {
        ack.get();
      }
    }

    Set<String> expected = new HashSet<>(requestIds);
    List<ConsumerRecord<String, ContactResult>> results = PipelineTopics.readUntil(stack.bootstrapServers(),
        Topics.RESULTS, record -> expected.contains(record.key()), read -> read.size() >= expected.size(),
        Duration.ofSeconds(90));

    assertThat(results).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSameSizeAs(expected);
    Map<String, Set<Long>> idsByKey = new HashMap<>();
    for (ConsumerRecord<String, ContactResult> result : results) {
      idsByKey.computeIfAbsent(result.value().getKey().getContactKey(), k -> new HashSet<>())
          .add(result.value().getContactId());
    }
    assertThat(idsByKey).hasSize(2 * KEYS);
    assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    before.forEach((key, id) -> assertThat(idsByKey.get(key)).as(key).containsExactly(id));
    assertThat(idsByKey.values().stream().map(ids -> ids.iterator().next()).toList()).doesNotHaveDuplicates();
    assertThat(stack.resolver().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
  }

  /** One command per known and per fresh key, each its own request. */
  private static void publishRound(KafkaProducer<ContactKey, ContactCommand> producer, String round,
      List<ContactKey> known, List<ContactKey> fresh, List<String> requestIds, List<Future<?>> sent) {
    for (int i = 0; i < known.size(); i++) {
      for (ContactKey key : List.of(known.get(i), fresh.get(i))) {
        String requestId = round + "-" + key.getContactKey();
        requestIds.add(requestId);
        sent.add(producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), key,
            PipelineTopics.command(requestId, key))));
      }
    }
  }
}
