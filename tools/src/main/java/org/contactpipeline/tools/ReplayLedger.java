package org.contactpipeline.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;

/**
 * The record of which dead letters were replayed: {@code contact.dead-letters.replays}, compacted,
 * keyed by the dead letter's {@code partition@offset}, its value a note of when and where to. A
 * replay writes its marker in the same Kafka transaction as the replayed record, so either both are
 * there or neither is.
 */
final class ReplayLedger {

  /**
   * One transactional id for every run of {@code replay}: a run's {@code initTransactions} fences
   * any run still open before it and aborts that run's unfinished replay, so two runs never both
   * replay a dead letter that neither had recorded yet.
   */
  static final String TRANSACTIONAL_ID = "contacts-admin-dead-letter-replay";

  private ReplayLedger() {}

  /** Every replayed dead letter with its note, as committed so far. */
  static Map<Position, String> read(ClusterAccess access, Consumer<byte[], byte[]> consumer) {
    List<TopicPartition> partitions =
        access.partitions(consumer, Topics.DEAD_LETTER_REPLAYS.name());
    TopicReader reader = new TopicReader(access, consumer);
    Map<Position, String> replayed = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> marker :
        reader.read(reader.between(partitions, null, null), Integer.MAX_VALUE)) {
      if (marker.key() == null) {
        continue;
      }
      Position position;
      try {
        position = Position.parse(new String(marker.key(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notOurs) {
        continue;
      }
      if (marker.value() == null) {
        replayed.remove(position);
      } else {
        replayed.put(position, new String(marker.value(), StandardCharsets.UTF_8));
      }
    }
    return replayed;
  }

  static ProducerRecord<byte[], byte[]> marker(Position deadLetter, String note) {
    return new ProducerRecord<>(
        Topics.DEAD_LETTER_REPLAYS.name(),
        deadLetter.toString().getBytes(StandardCharsets.UTF_8),
        note.getBytes(StandardCharsets.UTF_8));
  }
}
