package org.contactpipeline.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies golden records from {@code contact.changelog} into PostgreSQL. Offsets are committed
 * only after the batch's database transaction, and writes are version-guarded upserts, so a
 * crash replays at most one batch and the table still converges to the last golden record of
 * every contact. While the database is down it keeps retrying the same batch; a record it
 * cannot decode goes to the dead-letter topic with the reason.
 */
final class ChangelogMaterializer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogMaterializer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final SinkConfig config;
  private final ContactTable table;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  ChangelogMaterializer(SinkConfig config, ContactTable table) {
    this.config = config;
    this.table = table;
    this.thread = new Thread(this::run, "changelog-materializer");
  }

  void start() {
    thread.start();
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties());
        KafkaProducer<byte[], byte[]> deadLetterProducer = new KafkaProducer<>(producerProperties())) {
      consumer = kafkaConsumer;
      kafkaConsumer.subscribe(List.of(Topics.CHANGELOG.name()));
      Duration backoff = Duration.ofMillis(100);
      while (running) {
        ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(POLL_TIMEOUT);
        if (records.isEmpty()) {
          continue;
        }
        ChangelogBatch batch = decode(records, deadLetterProducer);
        try {
          if (!batch.isEmpty()) {
            table.apply(batch);
          }
          kafkaConsumer.commitSync();
          backoff = Duration.ofMillis(100);
        } catch (java.sql.SQLException e) {
          LOG.warn("cannot write {} contacts to PostgreSQL, retrying in {} ms: {}", batch.size(), backoff.toMillis(),
              e.getMessage());
          rewind(kafkaConsumer, records);
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("changelog materializer stopped", e);
    }
  }

  private ChangelogBatch decode(ConsumerRecords<byte[], byte[]> records, KafkaProducer<byte[], byte[]> deadLetters) {
    ChangelogBatch batch = new ChangelogBatch();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        ContactKey key = Topics.CHANGELOG.keySerde().deserializer().deserialize(record.topic(), record.key());
        ContactRecord value = Topics.CHANGELOG.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (key == null) {
          throw new SerializationException("changelog record without a key");
        }
        batch.add(key, value);
      } catch (SerializationException e) {
        deadLetter(deadLetters, record, e.getMessage());
      }
    }
    return batch;
  }

  private static void deadLetter(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record,
      String reason) {
    LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    try {
      // Waits for the broker: the offset is committed right after, and the record must not vanish.
      producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.key(), record.value(),
          DeadLetters.headers(record.headers(), reason, record.topic(), record.partition(), record.offset()))).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + Topics.DEAD_LETTERS.name(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    }
  }

  private static void rewind(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
  }

  private void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.materializerGroupId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.materializerBatchSize());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
