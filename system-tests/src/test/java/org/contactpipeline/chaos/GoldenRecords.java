package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The last golden record of each of this run's keys on {@code contact.changelog}, read committed
 * from the beginning; on the way, every version that went back is noted (a key's versions only
 * grow, whatever was killed).
 */
final class GoldenRecords {

  private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

  private final Set<String> ourKeys;
  private final Map<ContactKey, ContactRecord> last = new HashMap<>();
  private final List<String> versionsGoingBack = new ArrayList<>();

  GoldenRecords(Set<String> ourKeys) {
    this.ourKeys = ourKeys;
  }

  /** Reads the changelog up to its end offsets as they were when reading began. */
  static GoldenRecords read(String bootstrap, Set<String> ourKeys) {
    GoldenRecords golden = new GoldenRecords(ourKeys);
    try (KafkaConsumer<ContactKey, ContactRecord> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "isolation.level",
                "read_committed",
                "enable.auto.commit",
                "false"),
            Topics.CHANGELOG.keySerde().deserializer(),
            Topics.CHANGELOG.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.CHANGELOG.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<ContactKey, ContactRecord> record :
            consumer.poll(Duration.ofMillis(200))) {
          golden.add(record.key(), record.value());
        }
      }
    }
    return golden;
  }

  /**
   * One changelog record, in the changelog's order; tombstones and other runs' keys are skipped.
   */
  void add(ContactKey key, ContactRecord record) {
    if (record == null || !ourKeys.contains(key.getContactKey())) {
      return;
    }
    ContactRecord previous = last.put(key, record);
    if (previous != null && previous.getVersion() > record.getVersion()) {
      versionsGoingBack.add(
          "version of "
              + key
              + " went from "
              + previous.getVersion()
              + " to "
              + record.getVersion());
    }
  }

  Map<ContactKey, ContactRecord> last() {
    return last;
  }

  /** One line per version that went back, in the changelog's order. */
  List<String> versionsGoingBack() {
    return versionsGoingBack;
  }
}
