package org.contactpipeline.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.store.FinishedJob;
import org.contactpipeline.store.JobAnnouncements;

/**
 * Writes the outcome of every finished job to {@code contact.job-results}, keyed by job id, then
 * notes in {@code contact_jobs} that it did. The record is sent and acknowledged (idempotent
 * producer, acks=all) before the note is committed, so a crash in between announces the job again
 * on the next pass, here or on another instance: at least once, with identical content (it is built
 * from the same rows), and compaction keeps one per job id.
 */
final class JobAnnouncer {

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "job-announcer";

  /** Most jobs one pass claims, and so one database transaction holds locked. */
  static final int BATCH = 100;

  /** Longest wait for the broker's acknowledgements of one pass. */
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

  private final JobAnnouncements announcements;
  private final Producer<String, ContactJobResult> producer;
  private final JobMetrics metrics;

  JobAnnouncer(
      JobAnnouncements announcements,
      Producer<String, ContactJobResult> producer,
      JobMetrics metrics) {
    this.announcements = announcements;
    this.producer = producer;
    this.metrics = metrics;
  }

  static JobAnnouncer onKafka(
      SinkConfig config, JobAnnouncements announcements, JobMetrics metrics) {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A Confluent deployment gets Confluent framing: the serializer of the configured wire format.
    return new JobAnnouncer(
        announcements,
        new KafkaProducer<>(
            props, new StringSerializer(), config.wireFormat().jobResults().serializer()),
        metrics);
  }

  /** One pass: announces a batch of finished jobs; returns whether it found any. */
  boolean announceNext() throws Exception {
    int announced = announcements.announceNext(BATCH, this::publish);
    metrics.announced(announced);
    return announced > 0;
  }

  private void publish(List<FinishedJob> jobs) throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (FinishedJob job : jobs) {
      ContactJobResult result = JobResults.of(job);
      sent.add(
          producer.send(
              new ProducerRecord<>(Topics.JOB_RESULTS.name(), result.getJobId(), result)));
    }
    long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
    for (Future<RecordMetadata> ack : sent) {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
