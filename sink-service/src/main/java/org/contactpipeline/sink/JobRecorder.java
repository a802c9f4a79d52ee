package org.contactpipeline.sink;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.store.JobTable;

/**
 * Records the asynchronous jobs of {@code contact.jobs} in {@code contact_jobs}, and the requests
 * to deliver a finished job's callback again. A job whose items were all recorded before it
 * completes in the same transaction. {@link TopicToTable} runs it, in a consumer group of its own.
 */
final class JobRecorder implements TopicToTable.Target<ContactJob> {

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "job-recorder";

  private final JobTable table;
  private final Deserializer<ContactJob> values;
  private final IntConsumer onCompleted;

  JobRecorder(JobTable table, Deserializer<ContactJob> values, IntConsumer onCompleted) {
    this.table = table;
    this.values = values;
    this.onCompleted = onCompleted;
  }

  /**
   * @param onCompleted told how many jobs each write completed (or asked to redeliver), when any
   */
  static TopicToTable<ContactJob> create(
      SinkConfig config,
      JobTable table,
      IntConsumer onCompleted,
      Runnable onFatalError,
      ServiceMetrics metrics) {
    return TopicToTable.onKafka(
        NAME,
        Topics.JOBS.name(),
        config.jobs().groupId(),
        config,
        new JobRecorder(table, config.wireFormat().jobs().deserializer(), onCompleted),
        onFatalError,
        metrics);
  }

  @Override
  public Optional<ContactJob> decode(ConsumerRecord<byte[], byte[]> record) {
    // An undecodable job (or a kind this version does not know) throws SerializationException,
    // and TopicToTable dead-letters it.
    ContactJob job = values.deserialize(record.topic(), record.value());
    if (job == null) {
      throw new SerializationException("job record without a value");
    }
    if (job.getItemCount() <= 0) {
      throw new SerializationException("job " + job.getJobId() + " has no items");
    }
    return Optional.of(job);
  }

  @Override
  public void write(List<ContactJob> jobs) throws SQLException {
    int completed = table.record(jobs);
    boolean redelivery = jobs.stream().anyMatch(ContactJob::getRedeliver);
    if (completed > 0 || redelivery) {
      onCompleted.accept(completed);
    }
  }
}
