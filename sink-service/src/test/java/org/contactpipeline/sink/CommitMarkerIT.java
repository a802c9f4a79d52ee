package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.config.Settings;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: a read_committed consumer whose poll ends at a transaction's last record stands
 * before the transaction's commit marker, and reads the marker in a poll that returns no records.
 * The sink commits that position too, so a quiet partition's committed offset reaches its end and
 * the group shows no lag once everything is written.
 */
@Timeout(120)
class CommitMarkerIT {

  private static final String TOPIC = "commit-marker";
  private static final String GROUP = "commit-marker-test";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final int RECORDS = 5;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void shouldCommitPastTheMarkerOfTheLastTransaction(@TempDir Path dir) throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dir, 0);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      publishInOneTransaction(kafka.bootstrapServers());
      long end = readCommittedEnd(admin);
      assertThat(end).as("five records and the commit marker").isEqualTo(RECORDS + 1);

      Collected target = new Collected();
      TopicToTable<String> loop =
          TopicToTable.onKafka(
              "commit-marker-loop",
              TOPIC,
              GROUP,
              SinkConfig.from(
                  Settings.layer(
                      SinkConfig.DEFAULTS,
                      Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()))),
              target,
              () -> {},
              ServiceMetrics.create("commit-marker-test"));
      loop.start();
      try {
        Poll.until(DEADLINE, target.items::size, written -> written == RECORDS);
        assertThat(Poll.until(DEADLINE, () -> committed(admin), offset -> offset == end))
            .isEqualTo(end);
      } finally {
        loop.close();
      }
    }
  }

  private static void publishInOneTransaction(String bootstrap) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "commit-marker-producer"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < RECORDS; i++) {
        producer.send(
            new ProducerRecord<>(TOPIC, 0, null, ("item-" + i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.commitTransaction();
    }
  }

  private static long readCommittedEnd(Admin admin) throws Exception {
    return admin
        .listOffsets(
            Map.of(PARTITION, OffsetSpec.latest()),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get()
        .get(PARTITION)
        .offset();
  }

  private static long committed(Admin admin) {
    try {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(PARTITION);
      return offset == null ? -1 : offset.offset();
    } catch (ExecutionException e) {
      return -1; // asked again at the next poll
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Keeps every record; polls end at {@link #RECORDS} records, so the poll that returns the last
   * one stops before the marker, and the marker comes in a poll of its own.
   */
  private static final class Collected implements TopicToTable.Target<String> {

    final List<String> items = new CopyOnWriteArrayList<>();

    @Override
    public Optional<String> decode(ConsumerRecord<byte[], byte[]> record) {
      return Optional.of(new String(record.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void write(List<String> written) {
      items.addAll(written);
    }

    @Override
    public Map<String, Object> consumerSettings() {
      return Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS);
    }
  }
}
