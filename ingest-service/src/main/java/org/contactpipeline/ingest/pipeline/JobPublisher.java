package org.contactpipeline.ingest.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
    Map<String, Object> props = new HashMap<>(kafkaClient);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    // The caller is waiting for its job id: hear within seconds that Kafka is not taking it.
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    this.producer =
        new KafkaProducer<>(props, Topics.JOBS.keySerde().serializer(), wire.jobs().serializer());
    // Fetch the topic's metadata now rather than on the first request's thread.
    producer.partitionsFor(Topics.JOBS.name());
  }

  @Override
  public CompletableFuture<Void> publish(ContactJob job, Headers headers) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(
              Topics.JOBS.name(), null, job.getJobId(), job, new RecordHeaders(headers.toArray())),
          (metadata, error) -> {
            if (error == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(error);
            }
          });
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
