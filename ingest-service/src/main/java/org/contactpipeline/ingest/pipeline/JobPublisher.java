package org.contactpipeline.ingest.pipeline;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactJob;

/**
 * Publishes accepted asynchronous jobs to {@code contact.jobs}, keyed by job id, with a producer of
 * its own ({@code acks=all}, idempotent) so that a job's record never waits behind, or fails with,
 * the commands of other requests. A job is published only after all of its commands are durable
 * ({@link JobSubmission}), so sink-service never knows a job whose items were not all accepted.
 */
public final class JobPublisher implements JobLog, AutoCloseable {

  private final Producer<String, ContactJob> producer;

  public JobPublisher(Map<String, Object> kafkaClient, WireFormat wire) {
    // A producer of its own, not the commands' one: see the class comment.
    this.producer = DurableProducers.open(kafkaClient, Topics.JOBS, wire.jobs().serializer());
  }

  @Override
  public CompletableFuture<Void> publish(ContactJob job, Headers headers) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(
              Topics.JOBS.name(), null, job.getJobId(), job, new RecordHeaders(headers.toArray())),
          DurableProducers.completing(ack));
    } catch (RuntimeException e) {
      // send() throws when metadata cannot be fetched within max.block.ms, or the record is too
      // large.
      ack.completeExceptionally(e);
    }
    return ack;
  }

  /** Binds the producer's own metrics (send rate, errors, request latency). */
  public void bindMetrics(ServiceMetrics metrics) {
    metrics.bindProducer(producer, "job-publisher");
  }

  @Override
  public void close() {
    producer.close();
  }
}
