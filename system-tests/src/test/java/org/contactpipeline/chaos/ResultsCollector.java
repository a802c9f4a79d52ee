package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Reads {@code contact.results} read_committed from the beginning for the whole run, as an outside
 * auditor would: only committed results count, and each (request, item) must appear exactly once.
 */
final class ResultsCollector implements AutoCloseable {

  /** One committed result, reduced to what the checks need. */
  record Result(String requestId, int itemIndex, String key, long contactId) {}

  private final Map<String, List<Result>> byRequest = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, ContactResult> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  ResultsCollector(String bootstrap) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "isolation.level",
                "read_committed",
                "enable.auto.commit",
                "false",
                "max.poll.records",
                "2000"),
            Topics.RESULTS.keySerde().deserializer(),
            Topics.RESULTS.valueSerde().deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.RESULTS.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "results-collector");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      for (ConsumerRecord<String, ContactResult> record : consumer.poll(Duration.ofMillis(200))) {
        ContactResult result = record.value();
        if (result == null) {
          continue;
        }
        byRequest
            .computeIfAbsent(result.getRequestId(), id -> new CopyOnWriteArrayList<>())
            .add(
                new Result(
                    result.getRequestId(),
                    result.getItemIndex(),
                    result.getKey().getContactKey(),
                    result.getContactId()));
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  List<Result> of(String requestId) {
    return byRequest.getOrDefault(requestId, List.of());
  }

  Map<String, List<Result>> all() {
    return byRequest;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(15).toMillis());
  }
}
