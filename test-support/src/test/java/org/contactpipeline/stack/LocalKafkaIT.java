package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-process broker and the topic layout, against a real KRaft broker. */
@Timeout(180)
class LocalKafkaIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  @Test
  void shouldKeepClusterTopicsAndCommittedRecordsOnSecondStart() throws Exception {
    String clusterId;
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 3, 2);
      clusterId = clusterId(kafka);
      sendInTransaction(kafka, "contact.commands", "committed", true);
      assertThat(readCommitted(kafka, Topics.COMMANDS.name(), 1)).containsExactly("committed");
    }

    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      assertThat(clusterId(kafka)).isEqualTo(clusterId);
      assertThat(partitionCounts(kafka))
          .isEqualTo(
              Map.of(
                  "contact.commands", 3,
                  "contact.results", 2,
                  "contact.changelog", 3,
                  "contact.dead-letters", 1,
                  "contact.dead-letters.replays", 1,
                  "contact.jobs", 2,
                  "contact.job-results", 2));
      assertThat(cleanupPolicy(kafka, Topics.CHANGELOG.name()))
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(readCommitted(kafka, Topics.COMMANDS.name(), 1)).containsExactly("committed");
    }
  }

  @Test
  void shouldHideAbortedRecordsFromReadCommittedConsumers() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 1, 1);
      sendInTransaction(kafka, Topics.COMMANDS.name(), "aborted", false);
      sendInTransaction(kafka, Topics.COMMANDS.name(), "committed", true);

      assertThat(readCommitted(kafka, Topics.COMMANDS.name(), 1)).containsExactly("committed");
    }
  }

  @Test
  void shouldLeaveExistingTopicsAloneWhenLayoutRunsAgain() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 4, 2);
      TopicLayout.ensureTopics(admin(kafka), 4, 6);

      assertThat(partitionCounts(kafka))
          .containsEntry("contact.commands", 4)
          .containsEntry("contact.results", 2);
    }
  }

  @Test
  void shouldRefuseCommandsTopicWithAnotherPartitionCount() {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
      TopicLayout.ensureTopics(admin(kafka), 4, 2);

      assertThatThrownBy(() -> TopicLayout.ensureTopics(admin(kafka), 6, 2))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("contact.commands exists with 4 partitions but 6 were asked for");
    }
  }

  private static Map<String, Object> admin(LocalKafka kafka) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  private static String clusterId(LocalKafka kafka)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(admin(kafka))) {
      return admin.describeCluster().clusterId().get();
    }
  }

  private static Map<String, Integer> partitionCounts(LocalKafka kafka)
      throws ExecutionException, InterruptedException {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    try (Admin admin = Admin.create(admin(kafka))) {
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get();
      Map<String, Integer> counts = new java.util.TreeMap<>();
      descriptions.forEach(
          (name, description) -> counts.put(name, description.partitions().size()));
      return counts;
    }
  }

  private static String cleanupPolicy(LocalKafka kafka, String topic)
      throws ExecutionException, InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(admin(kafka))) {
      Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
      return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
  }

  private static void sendInTransaction(
      LocalKafka kafka, String topic, String value, boolean commit)
      throws ExecutionException, InterruptedException {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "local-kafka-it-" + UUID.randomUUID(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "key", value)).get();
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.abortTransaction();
      }
    }
  }

  /** Reads from the beginning until {@code expected} values arrived or the deadline passed. */
  private static List<String> readCommitted(LocalKafka kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "local-kafka-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (values.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
