package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.schemas.Topics;

/**
 * Which resolver instance owned each partition of {@code contact.commands}, over time: the
 * resolvers' consumer group asked every {@link #EVERY} during the test. A request whose keys a
 * killed instance owned cannot be answered until another takes them over; the availability goal
 * counts only the requests whose keys live instances owned, so this is what tells them apart.
 */
final class PartitionOwners implements AutoCloseable {

  static final Duration EVERY = Duration.ofMillis(250);

  /**
   * Sample time (nanos) → partition → owner's group.instance.id; a partition in no member's
   * assignment is absent.
   */
  private final ConcurrentSkipListMap<Long, Map<Integer, String>> samples =
      new ConcurrentSkipListMap<>();

  private final Admin admin;
  private final Thread sampler;
  private volatile boolean running = true;

  PartitionOwners(String bootstrap) {
    this.admin =
        Admin.create(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "request.timeout.ms",
                "2000",
                "default.api.timeout.ms",
                "3000"));
    this.sampler = new Thread(this::sampleUntilClosed, "partition-owners");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sampleUntilClosed() {
    while (running) {
      long at = System.nanoTime();
      try {
        ConsumerGroupDescription group =
            admin
                .describeConsumerGroups(List.of(ConsumerGroups.RESOLVER))
                .describedGroups()
                .get(ConsumerGroups.RESOLVER)
                .get(3, TimeUnit.SECONDS);
        Map<Integer, String> owners = new TreeMap<>();
        for (MemberDescription member : group.members()) {
          String instance = member.groupInstanceId().orElse(member.consumerId());
          for (TopicPartition partition : member.assignment().topicPartitions()) {
            if (partition.topic().equals(Topics.COMMANDS.name())) {
              owners.put(partition.partition(), instance);
            }
          }
        }
        samples.put(at, owners);
      } catch (Exception e) {
        // A broker down or the group rebalancing: no sample; the last one before stands.
      }
      try {
        Thread.sleep(EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The owner of {@code partition} at {@code nanos} by the last sample before it, or null when none
   * owned it.
   */
  String ownerAt(int partition, long nanos) {
    Map.Entry<Long, Map<Integer, String>> sample = samples.floorEntry(nanos);
    return sample == null ? null : sample.getValue().get(partition);
  }

  /**
   * Whether a sample taken after {@code nanos} shows {@code instance} owning a partition: a paused
   * resolver whose tasks the group moved away is back when it has taken some again.
   */
  boolean ownsPartitionsSince(String instance, long nanos) {
    return samples.tailMap(nanos, false).values().stream()
        .flatMap(owners -> owners.values().stream())
        .anyMatch(owner -> FaultWindows.isInstance(owner, instance));
  }

  int sampleCount() {
    return samples.size();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(2));
  }
}
