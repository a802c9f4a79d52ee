package org.contactpipeline.resolver;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;

/**
 * What the resolver committed, read as an auditor reads it: {@code contact.results} and the golden
 * records on {@code contact.changelog}, {@code read_committed}, from the beginning, each record
 * once into an {@link IdentityLedger} as it becomes visible.
 */
final class ResolverOutputs implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final IdentityLedger ledger;
  private final KafkaConsumer<String, ContactResult> results;
  private final KafkaConsumer<ContactKey, ContactRecord> goldenRecords;

  ResolverOutputs(String bootstrapServers, IdentityLedger ledger) {
    this.ledger = ledger;
    this.results = PipelineTopics.fromTheBeginning(bootstrapServers, Topics.RESULTS);
    this.goldenRecords = PipelineTopics.fromTheBeginning(bootstrapServers, Topics.CHANGELOG);
  }

  /**
   * Reads until every one of {@code requestIds} has a result; fails at the deadline naming how many
   * have none. What a test waits on to know that every partition is being decided again.
   */
  void awaitResults(Collection<String> requestIds, Duration timeout) {
    Poll.until(
        timeout,
        () -> {
          readAvailable();
          return new Unanswered(ledger.unanswered(requestIds));
        },
        unanswered -> unanswered.requestIds().isEmpty());
  }

  /** What a failed wait reports: how many requests have no result, and a few of them. */
  private record Unanswered(Set<String> requestIds) {
    @Override
    public String toString() {
      return requestIds.size()
          + " requests without a result, such as "
          + requestIds.stream().limit(5).toList();
    }
  }

  /**
   * Reads until every one of {@code requestIds} has a result or the deadline passes, then on to the
   * end of what is committed now, so that the ledger also holds any result given twice. Does not
   * fail: judging what was read is the ledger's job.
   */
  void readAllFor(Collection<String> requestIds, Duration timeout) {
    Poll.holdsWithin(
        timeout,
        () -> {
          readAvailable();
          return ledger.unanswered(requestIds).isEmpty();
        });
    readToCommittedEnd(results, record -> ledger.recordResult(record.value()));
    readToCommittedEnd(goldenRecords, record -> ledger.recordGoldenRecord(record.value()));
  }

  private void readAvailable() {
    results.poll(POLL).forEach(record -> ledger.recordResult(record.value()));
    goldenRecords.poll(POLL).forEach(record -> ledger.recordGoldenRecord(record.value()));
  }

  /** Up to the last stable offset of each partition, which is where read_committed readers stop. */
  private static <K, V> void readToCommittedEnd(
      KafkaConsumer<K, V> consumer, Consumer<ConsumerRecord<K, V>> into) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    Poll.until(
        Duration.ofSeconds(30),
        () -> {
          consumer.poll(POLL).forEach(into);
          return end.entrySet().stream()
              .filter(partition -> consumer.position(partition.getKey()) < partition.getValue())
              .count();
        },
        behind -> behind == 0);
  }

  @Override
  public void close() {
    try {
      results.close();
    } finally {
      goldenRecords.close();
    }
  }
}
