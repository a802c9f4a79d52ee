package org.contactpipeline.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads bounded stretches of partitions: from an offset (or the first record at or after a time) to
 * the end the partition had when the read began (or the first record after a time), so that a read
 * always ends even while producers keep writing.
 */
final class TopicReader {

  /** Offsets {@code [start, end)} of one partition. */
  record Range(long start, long end) {

    boolean isEmpty() {
      return start >= end;
    }
  }

  private static final Duration POLL = Duration.ofMillis(200);

  private final ClusterAccess access;
  private final Consumer<byte[], byte[]> consumer;

  TopicReader(ClusterAccess access, Consumer<byte[], byte[]> consumer) {
    this.access = access;
    this.consumer = consumer;
  }

  /**
   * The range of each partition holding the records written from {@code since} to {@code until}
   * (either may be null: from the beginning, to the current end), found with {@code
   * offsetsForTimes}.
   */
  Map<TopicPartition, Range> between(
      List<TopicPartition> partitions, Instant since, Instant until) {
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> start =
          since == null ? consumer.beginningOffsets(partitions) : firstAt(partitions, since, end);
      Map<TopicPartition, Long> stop =
          until == null ? end : firstAt(partitions, until.plusMillis(1), end);
      Map<TopicPartition, Range> ranges = new HashMap<>();
      for (TopicPartition partition : partitions) {
        ranges.put(
            partition,
            new Range(start.get(partition), Math.min(stop.get(partition), end.get(partition))));
      }
      return ranges;
    } catch (TimeoutException e) {
      throw access.unreachable(e);
    }
  }

  private Map<TopicPartition, Long> firstAt(
      List<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp first = found.get(partition);
      // None at or after the time: nothing from there on.
      offsets.put(partition, first == null ? end.get(partition) : first.offset());
    }
    return offsets;
  }

  /**
   * Every committed record in the ranges, by partition and offset, stopping once {@code max} are
   * read.
   */
  List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, Range> ranges, int max) {
    Map<TopicPartition, Range> open = new HashMap<>();
    ranges.forEach(
        (partition, range) -> {
          if (!range.isEmpty()) {
            open.put(partition, range);
          }
        });
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    if (open.isEmpty()) {
      return read;
    }
    try {
      consumer.assign(open.keySet());
      open.forEach((partition, range) -> consumer.seek(partition, range.start()));
      long deadline = System.nanoTime() + ClusterAccess.TIMEOUT.toNanos();
      while (!open.isEmpty() && read.size() < max) {
        if (System.nanoTime() > deadline) {
          throw new ToolException(
              "could not read "
                  + open.keySet()
                  + " within "
                  + ClusterAccess.TIMEOUT.toSeconds()
                  + " s from "
                  + access.bootstrapServers());
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          Range range = open.get(new TopicPartition(record.topic(), record.partition()));
          if (range != null && record.offset() < range.end() && read.size() < max) {
            read.add(record);
          }
        }
        // A read_committed position moves past aborted records and transaction markers too.
        open.keySet()
            .removeIf(partition -> consumer.position(partition) >= open.get(partition).end());
        consumer.pause(
            consumer.assignment().stream()
                .filter(partition -> !open.containsKey(partition))
                .toList());
      }
      read.sort(
          java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
                  ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      return read;
    } catch (TimeoutException e) {
      throw access.unreachable(e);
    }
  }
}
