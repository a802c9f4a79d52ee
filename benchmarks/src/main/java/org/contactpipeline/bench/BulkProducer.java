package org.contactpipeline.bench;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer a bulk loader would use: durable (acks=all, idempotent) and batching. The raw
 * baseline and the bulk load of commands use exactly these settings, so their ratio compares the
 * pipeline with Kafka, not two producer configurations.
 */
final class BulkProducer {

  private BulkProducer() {}

  static Map<String, Object> properties(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.LINGER_MS_CONFIG,
        5,
        ProducerConfig.BATCH_SIZE_CONFIG,
        65_536,
        ProducerConfig.COMPRESSION_TYPE_CONFIG,
        "lz4");
  }
}
