package org.contactpipeline.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
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
 * cannot decode, or that PostgreSQL refuses for good, goes to the dead-letter topic with the reason.
 */
final class ChangelogMaterializer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogMaterializer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final SinkConfig config;
  private final ContactTable table;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private final Runnable onFatalError;

  ChangelogMaterializer(SinkConfig config, ContactTable table, Runnable onFatalError) {
    this.config = config;
    this.table = table;
    this.onFatalError = onFatalError;
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
      Duration backoff = MIN_BACKOFF;
      while (running) {
        try {
          materializeOnePoll(kafkaConsumer, deadLetterProducer);
          backoff = MIN_BACKOFF;
        } catch (SQLException | DeadLetterUnavailable e) {
          LOG.warn("cannot materialize, retrying the same records in {} ms: {}", backoff.toMillis(), e.getMessage());
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
          // The rows are written; records whose offsets did not commit are redelivered and the
          // version guard makes writing them again harmless.
          LOG.warn("could not commit changelog offsets, carrying on: {}", e.toString());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("changelog materializer woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("changelog materializer stopped", e);
      onFatalError.run();
    }
  }

  /** One poll: decode, write in one transaction, then commit the offsets. */
  private void materializeOnePoll(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> deadLetters)
      throws SQLException {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    if (records.isEmpty()) {
      return;
    }
    try {
      Map<ContactKey, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
      write(decode(records, deadLetters, sources), sources, deadLetters);
    } catch (SQLException | DeadLetterUnavailable e) {
      // Nothing of this poll may be committed: the next poll must return the same records.
      rewind(consumer, records);
      throw e;
    }
    consumer.commitSync();
  }

  private void write(ChangelogBatch batch, Map<ContactKey, ConsumerRecord<byte[], byte[]>> sources,
      KafkaProducer<byte[], byte[]> deadLetters) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      table.apply(batch);
    } catch (SQLException e) {
      if (!isPermanent(e)) {
        throw e;
      }
      // Data the table refuses (a constraint, an invalid value) will be refused forever: write
      // the batch record by record and dead-letter the ones refused, so the others still converge.
      applyOneByOne(batch, sources, deadLetters);
    }
  }

  private void applyOneByOne(ChangelogBatch batch, Map<ContactKey, ConsumerRecord<byte[], byte[]>> sources,
      KafkaProducer<byte[], byte[]> deadLetters) throws SQLException {
    for (ChangelogBatch single : batch.singles()) {
      try {
        table.apply(single);
      } catch (SQLException e) {
        if (!isPermanent(e)) {
          throw e;
        }
        deadLetter(deadLetters, sources.get(single.onlyKey()), "PostgreSQL refused the record: " + e.getMessage());
      }
    }
  }

  /** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) do not heal by retrying. */
  private static boolean isPermanent(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private ChangelogBatch decode(ConsumerRecords<byte[], byte[]> records, KafkaProducer<byte[], byte[]> deadLetters,
      Map<ContactKey, ConsumerRecord<byte[], byte[]>> sources) {
    ChangelogBatch batch = new ChangelogBatch();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        ContactKey key = Topics.CHANGELOG.keySerde().deserializer().deserialize(record.topic(), record.key());
        ContactRecord value = Topics.CHANGELOG.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (key == null) {
          throw new SerializationException("changelog record without a key");
        }
        batch.add(key, value);
        sources.put(key, record);
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
      throw new DeadLetterUnavailable(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterUnavailable(e);
    }
  }

  /** The dead-letter topic did not take a record; the poll is retried rather than losing it. */
  private static final class DeadLetterUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeadLetterUnavailable(Throwable cause) {
      super("cannot write to " + Topics.DEAD_LETTERS.name() + ": " + cause, cause);
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
