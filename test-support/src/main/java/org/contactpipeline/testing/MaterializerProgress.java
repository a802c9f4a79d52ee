package org.contactpipeline.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.schemas.Topics;

/**
 * How far the sink's changelog materializer has written, from its consumer group's committed
 * offsets, which it commits only after the rows are. The chaos test tells by it that the sink is
 * back after a fault, rather than by its readiness or any of its counters moving (the long run once
 * had the materializer's group stalled for ten minutes behind a ready sink); the throughput
 * benchmark tells by it when a load's rows are in, where counting them took PostgreSQL's time from
 * the sink it measured.
 */
public final class MaterializerProgress implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final List<TopicPartition> partitions;

  /** The changelog's partitions, as many as the broker says it has. */
  public MaterializerProgress(String bootstrap) {
    this(adminOf(bootstrap), OptionalInt.empty());
  }

  public MaterializerProgress(String bootstrap, int partitions) {
    this(adminOf(bootstrap), OptionalInt.of(partitions));
  }

  private MaterializerProgress(Admin admin, OptionalInt partitions) {
    this.admin = admin;
    try {
      this.partitions =
          IntStream.range(0, partitions.orElseGet(() -> changelogPartitions(admin)))
              .mapToObj(partition -> new TopicPartition(Topics.CHANGELOG.name(), partition))
              .toList();
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  private static Admin adminOf(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) CALL_TIMEOUT.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) CALL_TIMEOUT.toMillis()));
  }

  /** How many partitions {@code contact.changelog} has, as the broker says. */
  public static int changelogPartitions(Admin admin) {
    try {
      return admin
          .describeTopics(List.of(Topics.CHANGELOG.name()))
          .allTopicNames()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .get(Topics.CHANGELOG.name())
          .partitions()
          .size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not describe " + Topics.CHANGELOG.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted describing " + Topics.CHANGELOG.name(), e);
    }
  }

  /**
   * Holds once the materializer has committed past everything the changelog held (committed
   * transactions only, as it reads) when first asked: call it when the fault ends. While the
   * brokers do not answer, the snapshot is taken at the next call.
   */
  public BooleanSupplier caughtUpFromNow() {
    LongSupplier lag = lagFromNow();
    return () -> lag.getAsLong() == 0;
  }

  /**
   * How many offsets the materializer's commits are short of what the changelog held when first
   * asked, in the partition furthest behind; {@link Long#MAX_VALUE} while the brokers do not answer
   * (the snapshot is then taken at the next call).
   *
   * <p>A lag of 1 may be nothing but a commit marker: a read_committed consumer that has read a
   * transaction's last record can stand before its marker until it next reads records, and with no
   * more writes coming the materializer commits nothing more. Whoever waits on the lag with writes
   * stopped must tell that case apart another way.
   */
  public LongSupplier lagFromNow() {
    AtomicReference<Map<TopicPartition, Long>> ends = new AtomicReference<>(changelogEnds());
    return () -> {
      if (ends.get() == null) {
        ends.set(changelogEnds());
        if (ends.get() == null) {
          return Long.MAX_VALUE;
        }
      }
      Map<TopicPartition, Long> committed = committed();
      if (committed == null) {
        return Long.MAX_VALUE;
      }
      return ends.get().entrySet().stream()
          .mapToLong(end -> Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L)))
          .max()
          .orElse(0);
    };
  }

  /** Each partition's last stable offset, or null when the brokers did not answer in time. */
  private Map<TopicPartition, Long> changelogEnds() {
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        answer(
            admin
                .listOffsets(
                    partitions.stream()
                        .collect(
                            Collectors.toMap(partition -> partition, p -> OffsetSpec.latest())),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
    return ends == null
        ? null
        : ends.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
  }

  /** The materializer group's committed offsets, or null when the brokers did not answer. */
  private Map<TopicPartition, Long> committed() {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        answer(
            admin
                .listConsumerGroupOffsets(ConsumerGroups.SINK_MATERIALIZER)
                .partitionsToOffsetAndMetadata());
    return offsets == null
        ? null
        : offsets.entrySet().stream()
            .filter(offset -> offset.getValue() != null)
            .collect(Collectors.toMap(Map.Entry::getKey, offset -> offset.getValue().offset()));
  }

  /** What an admin call answered within {@link #CALL_TIMEOUT}, or null when it did not. */
  private static <T> T answer(KafkaFuture<T> call) {
    try {
      return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
