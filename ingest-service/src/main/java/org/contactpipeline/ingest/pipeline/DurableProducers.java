package org.contactpipeline.ingest.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.contactpipeline.schemas.Topic;

/**
 * The producer both of ingest's publishers ({@link CommandPublisher}, {@link JobPublisher}) are
 * built on, so that what "accepted" means is settled in one place: a send completes only once Kafka
 * holds the record durably, and a caller is waiting on that answer.
 */
final class DurableProducers {

  /** How long one produce request may wait for its broker before it is sent again. */
  static final int REQUEST_TIMEOUT_MS = 5_000;

  private DurableProducers() {}

  /**
   * A producer of {@code topic}'s records, its metadata already fetched. Settings the deployment
   * gives in {@code kafkaClient} win, except the two that make a send durable.
   *
   * @param values the encoding of the values, which the deployment's wire format chooses; keys are
   *     always {@code topic}'s
   */
  static <K, V> Producer<K, V> open(
      Map<String, Object> kafkaClient, Topic<K, V> topic, Serializer<V> values) {
    Map<String, Object> props = new HashMap<>(kafkaClient);
    // A request is accepted only when every in-sync replica has it, and a retry never writes twice.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A person waits on every request: send at once rather than the 5 ms default batching delay.
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    // A caller should hear within seconds that Kafka is not taking its request, not after minutes.
    // Half the answer's 10 s: a send to a leader that froze (a long pause, a stalled VM) holds its
    // open connection and is answered only when it resumes; timing it out at 5 s sends it again
    // to the leader the cluster has elected meanwhile, in time for the answer, where 10 s spent the
    // caller's whole wait on the frozen one. Idempotence keeps the second attempt from writing
    // twice.
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    Producer<K, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), values);
    // Fetch the topic's metadata now: send() blocks the calling HTTP thread while it has none.
    producer.partitionsFor(topic.name());
    return producer;
  }

  /** A send's callback that completes {@code ack} with the send's outcome. */
  static Callback completing(CompletableFuture<Void> ack) {
    return (metadata, error) -> {
      if (error == null) {
        ack.complete(null);
      } else {
        ack.completeExceptionally(error);
      }
    };
  }
}
