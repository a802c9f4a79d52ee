package org.contactpipeline.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;

/**
 * Creates the pipeline's topics before any service starts, so that no topic is ever auto-created
 * with the broker's default partition count. Safe to run on every start: existing topics are left
 * as they are, except that {@code contact.commands} must still have the partition count the stack
 * was asked for, because contact IDs encode their owner partition and a different count would route
 * keys to partitions that do not own them.
 */
public final class TopicLayout {

  private static final Duration DESCRIBE_DEADLINE = Duration.ofSeconds(30);
  private static final Duration DESCRIBE_RETRY = Duration.ofMillis(50);

  private static final short REPLICATION = 1;

  private TopicLayout() {}

  /**
   * @param commandsPartitions P for {@code contact.commands}, and for {@code contact.changelog},
   *     which is keyed the same way
   * @param otherPartitions partitions of the results and responses topics
   * @throws IllegalStateException if {@code contact.commands} exists with another partition count
   */
  public static void ensureTopics(
      Map<String, Object> adminConfig, int commandsPartitions, int otherPartitions) {
    ensureTopics(adminConfig, commandsPartitions, otherPartitions, REPLICATION);
  }

  /**
   * The same on a cluster: every topic with {@code replication} replicas (the chaos test uses 3).
   */
  public static void ensureTopics(
      Map<String, Object> adminConfig,
      int commandsPartitions,
      int otherPartitions,
      short replication) {
    List<NewTopic> wanted = layout(commandsPartitions, otherPartitions, replication);
    try (Admin admin = Admin.create(adminConfig)) {
      for (Map.Entry<String, KafkaFuture<Void>> created :
          admin.createTopics(wanted).values().entrySet()) {
        awaitCreatedOrExisting(created.getKey(), created.getValue());
      }
      int actual = partitionCount(admin, Topics.COMMANDS.name());
      if (actual != commandsPartitions) {
        throw new IllegalStateException(
            Topics.COMMANDS.name()
                + " exists with "
                + actual
                + " partitions but "
                + commandsPartitions
                + " were asked for; contact IDs encode the owner partition, so the count cannot "
                + "change for existing data. Use "
                + actual
                + ", or start on fresh data.");
      }
    }
  }

  /**
   * The topics of {@link Topics#ALL} with their partitions and cleanup policy: what {@link
   * #ensureTopics} creates, and what the admin tool's {@code check} compares a cluster with.
   */
  public static List<NewTopic> layout(int commandsPartitions, int otherPartitions) {
    return layout(commandsPartitions, otherPartitions, REPLICATION);
  }

  /**
   * The same with {@code replication} replicas: what any other definition of the topics (the
   * Kubernetes KafkaTopics) must agree with.
   */
  public static List<NewTopic> layout(
      int commandsPartitions, int otherPartitions, short replication) {
    requirePositive("commandsPartitions", commandsPartitions);
    requirePositive("otherPartitions", otherPartitions);
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      topics.add(newTopic(topic, commandsPartitions, otherPartitions, replication));
    }
    return topics;
  }

  private static NewTopic newTopic(
      Topic<?, ?> topic, int commandsPartitions, int otherPartitions, short replication) {
    if (topic.equals(Topics.COMMANDS)) {
      return new NewTopic(topic.name(), commandsPartitions, replication);
    }
    if (topic.equals(Topics.CHANGELOG)) {
      // Golden records: only the latest per contact key matters, and compaction keeps it forever.
      return new NewTopic(topic.name(), commandsPartitions, replication)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    if (topic.equals(Topics.DEAD_LETTERS)) {
      // Rare and read by people: one partition keeps them in arrival order.
      return new NewTopic(topic.name(), 1, replication);
    }
    if (topic.equals(Topics.DEAD_LETTER_REPLAYS)) {
      // One marker per replayed dead letter, keyed by its position: compaction keeps each forever.
      return new NewTopic(topic.name(), 1, replication)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    if (topic.equals(Topics.JOB_RESULTS)) {
      // One assembled outcome per job, keyed by job id: compaction keeps the latest of each.
      return new NewTopic(topic.name(), otherPartitions, replication)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return new NewTopic(topic.name(), otherPartitions, replication);
  }

  private static void awaitCreatedOrExisting(String name, KafkaFuture<Void> creation) {
    try {
      creation.get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /**
   * A topic just created may not be in the metadata of the broker asked yet (a second start races
   * the first's creation too): an unknown topic is asked again until {@link #DESCRIBE_DEADLINE}.
   */
  private static int partitionCount(Admin admin, String name) {
    long deadline = System.nanoTime() + DESCRIBE_DEADLINE.toNanos();
    try {
      while (true) {
        try {
          TopicDescription description =
              admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
          return description.partitions().size();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > deadline) {
            throw new IllegalStateException("cannot describe topic " + name, e.getCause());
          }
          Thread.sleep(DESCRIBE_RETRY.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + name, e);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
