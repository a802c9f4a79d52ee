package org.contactpipeline.resolver;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.contactpipeline.schemas.Topics;

/**
 * What the resolver checks of its topics before it decides anything, because deciding on the wrong
 * layout would break identity for good:
 *
 * <ul>
 *   <li>{@code contact.commands} has the configured partition count: IDs and key ownership depend
 *       on it;
 *   <li>{@code contact.changelog} keeps every contact's latest golden record forever (cleanup
 *       policy {@code compact} and nothing else): it is what restores the golden-record store, so a
 *       record that expired would be a contact whose key gets a second ID.
 * </ul>
 */
final class TopicPreflight {

  private static final int TIMEOUT_SECONDS = 30;

  private final ResolverConfig config;

  TopicPreflight(ResolverConfig config) {
    this.config = config;
  }

  /**
   * @throws IllegalStateException naming what is wrong and what to do about it
   */
  void check() {
    try (Admin admin = Admin.create(config.kafkaClient())) {
      requireCommandsPartitionCount(admin);
      requireChangelogKeptForever(admin);
    }
  }

  private void requireCommandsPartitionCount(Admin admin) {
    String topic = Topics.COMMANDS.name();
    int actual =
        answer(admin.describeTopics(List.of(topic)).allTopicNames(), topic)
            .get(topic)
            .partitions()
            .size();
    if (actual != config.commandsPartitions()) {
      throw new IllegalStateException(
          topic
              + " has "
              + actual
              + " partitions but commands.partitions is "
              + config.commandsPartitions()
              + ". Contact IDs and key ownership depend on this count, so it can never "
              + "change for existing data; fix the configuration or the topic.");
    }
  }

  private void requireChangelogKeptForever(Admin admin) {
    String topic = Topics.CHANGELOG.name();
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config described = answer(admin.describeConfigs(List.of(resource)).all(), topic).get(resource);
    ConfigEntry policy = described.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    String value = policy == null ? "" : policy.value().strip();
    if (!value.equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw new IllegalStateException(
          topic
              + " has cleanup.policy="
              + value
              + " but must be compact alone: the resolver restores its golden records from it, "
              + "so a record the broker deletes by age or size would let that contact's key get a "
              + "second ID. Set cleanup.policy=compact on the topic.");
    }
  }

  private <T> T answer(KafkaFuture<T> future, String topic) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot describe " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at "
              + config.kafkaClient().get("bootstrap.servers")
              + " to check "
              + topic,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + topic, e);
    }
  }
}
