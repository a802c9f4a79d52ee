package org.contactpipeline.sink;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.JobItemTable;

/**
 * Records the results of asynchronous jobs' items from {@code contact.results} in {@code
 * contact_job_items}; the job whose last item it records completes in the same transaction. Other
 * results pass by, undecoded when their header says they are not a job's.
 *
 * <p>A consumer group of its own rather than a second duty of the operation recorder: each reads
 * only what it needs, each has its own lag, and a job's completion (more statements, locks) never
 * holds up delete progress, at the price of fetching {@code contact.results} twice.
 */
final class JobItemRecorder implements TopicToTable.Target<ContactResult> {

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "job-item-recorder";

  /** A whole create_bulk's worth; iVvy batches are smaller still. */
  static final int MAX_ITEMS_PER_WRITE = 5_000;

  /** About a thousand results: a fetch returns once this much is there, or after the wait. */
  static final int FETCH_MIN_BYTES = 256 * 1024;

  /** What a job's completion may wait for its last items beyond the resolver's own pace. */
  static final int FETCH_MAX_WAIT_MS = 200;

  private final JobItemTable table;
  private final Deserializer<ContactResult> values;
  private final IntConsumer onCompleted;

  JobItemRecorder(JobItemTable table, Deserializer<ContactResult> values, IntConsumer onCompleted) {
    this.table = table;
    this.values = values;
    this.onCompleted = onCompleted;
  }

  /**
   * @param onCompleted told how many jobs each write completed, when any
   */
  static TopicToTable<ContactResult> create(
      SinkConfig config,
      JobItemTable table,
      IntConsumer onCompleted,
      Runnable onFatalError,
      ServiceMetrics metrics) {
    return TopicToTable.onKafka(
        NAME,
        Topics.RESULTS.name(),
        config.jobs().itemsGroupId(),
        config,
        new JobItemRecorder(table, config.wireFormat().results().deserializer(), onCompleted),
        onFatalError,
        metrics);
  }

  /**
   * Nobody waits on an item's row, only on its job's completion, so fetches wait to fill: a
   * 5,000-contact create_bulk is recorded in a few transactions instead of one per 10 ms of
   * results, each with its locks, statements and commit.
   */
  @Override
  public Map<String, Object> consumerSettings() {
    return Map.of(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_ITEMS_PER_WRITE,
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
  }

  @Override
  public Optional<ContactResult> decode(ConsumerRecord<byte[], byte[]> record) {
    if (ResultHeaders.isNotJobItem(record.headers())) {
      return Optional.empty();
    }
    ContactResult result;
    try {
      result = values.deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      // The operation recorder dead-letters what nobody can decode; a second copy would say
      // nothing more. (A registry that cannot be asked is not this: it is retried.)
      return Optional.empty();
    }
    return result != null && JobItemTable.isJobItem(result)
        ? Optional.of(result)
        : Optional.empty();
  }

  @Override
  public void write(List<ContactResult> itemResults) throws SQLException {
    int completed = table.record(itemResults);
    if (completed > 0) {
      onCompleted.accept(completed);
    }
  }
}
