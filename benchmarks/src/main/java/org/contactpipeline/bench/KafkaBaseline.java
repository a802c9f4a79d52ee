package org.contactpipeline.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpipeline.testing.BulkCommands;

/**
 * What plain Kafka does on the same broker in the same run, so that every pipeline figure can be
 * read as a ratio: the least a Kafka round trip costs, and how fast records can be produced.
 */
final class KafkaBaseline {

  private final String bootstrap;

  KafkaBaseline(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** One record at a time: produce (acks=all), then poll until a read_committed consumer has it. */
  Latencies roundTrips(int count) throws Exception {
    String topic = ensureTopic("bench.baseline", 1);
    Map<String, Object> producerProps =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            0);
    Map<String, Object> consumerProps =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            10);
    long[] nanos = new long[count];
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                consumerProps, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
        ConsumerRecords<String, String> got = ConsumerRecords.empty();
        while (got.isEmpty()) {
          got = consumer.poll(Duration.ofMillis(100));
        }
        nanos[i] = System.nanoTime() - start;
      }
    }
    return new Latencies(nanos);
  }

  /**
   * Records per second for {@code count} records of {@code recordBytes} each, acks=all, to a topic
   * with {@code partitions} partitions, with the producer settings bulk loads use.
   */
  double produceRate(int count, int partitions, int recordBytes) throws Exception {
    String topic = ensureTopic("bench.produce-rate", partitions);
    byte[] value = new byte[recordBytes];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) ('a' + i % 26); // text-like, so compression does what it would on commands
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            BulkCommands.producerProperties(bootstrap),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      // A new topic's leaders are elected a moment after it is created; sends before that are
      // refused and retried with backoff, which would be measured as a slow broker. One record
      // per partition, acknowledged, makes sure every leader is there and the producer is warm.
      for (int partition = 0; partition < partitions; partition++) {
        producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
      }
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        producer.send(
            new ProducerRecord<>(
                topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8), value));
      }
      producer.flush();
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }

  private String ensureTopic(String topic, int partitions)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      }
    }
    return topic;
  }
}
