package org.contactpipeline.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.config.StreamsAppConfig;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a topic into PostgreSQL on a thread of its own, for sink-service's plain consumers (the
 * changelog materializer, the operation recorder, the job recorder, the job item recorder). Each
 * poll is written in one database transaction and its offsets are committed only after that commit;
 * writes must be idempotent, so a crash replays at most one poll harmlessly. While the database is
 * down the same records are retried with backoff. A record the target cannot decode, or that
 * PostgreSQL refuses for good, goes to the dead-letter topic with the reason, and the rest of its
 * poll is still written.
 *
 * <p>What is logged about a record names the request it came from ({@link RequestHeaders} in the
 * MDC); while a poll is written in one transaction, the MDC names the requests of all its records.
 *
 * @param <T> what the target writes for one record
 */
final class TopicToTable<T> implements AutoCloseable {

  /** What one consumer reads and how it writes it. */
  interface Target<T> {

    /**
     * What to write for a record, or empty when this consumer has nothing to write for it.
     *
     * @throws SerializationException when the record is not what the topic carries (it is
     *     dead-lettered)
     */
    Optional<T> decode(ConsumerRecord<byte[], byte[]> record);

    /** Writes the items in one transaction: all of them or none. */
    void write(List<T> items) throws SQLException;

    /**
     * Consumer settings this target needs beyond the sink's defaults, which favour latency (a fetch
     * returns after 10 ms, at most {@code materializer.batch-size} records).
     */
    default Map<String, Object> consumerSettings() {
      return Map.of();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TopicToTable.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Target<T> target;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Supplier<Producer<byte[], byte[]>> deadLetterProducers;
  private final Runnable onFatalError;
  private final TableMetrics metrics;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Consumer<byte[], byte[]> consumer;

  /** The positions the loop's consumer last committed; only its thread touches them. */
  private final Map<TopicPartition, Long> committedPositions = new HashMap<>();

  /**
   * @param name the thread's name, which logs show
   * @param onFatalError called if the thread stops unexpectedly
   */
  TopicToTable(
      String name,
      String topic,
      Target<T> target,
      Supplier<Consumer<byte[], byte[]>> consumers,
      Supplier<Producer<byte[], byte[]>> deadLetterProducers,
      Runnable onFatalError) {
    this(
        name, topic, target, consumers, deadLetterProducers, onFatalError, TableMetrics.none(name));
  }

  TopicToTable(
      String name,
      String topic,
      Target<T> target,
      Supplier<Consumer<byte[], byte[]>> consumers,
      Supplier<Producer<byte[], byte[]>> deadLetterProducers,
      Runnable onFatalError,
      TableMetrics metrics) {
    this.metrics = metrics;
    this.topic = topic;
    this.target = target;
    this.consumers = consumers;
    this.deadLetterProducers = deadLetterProducers;
    this.onFatalError = onFatalError;
    this.thread = new Thread(this::run, name);
  }

  /** Reads {@code topic} as consumer group {@code groupId} on the broker of {@code config}. */
  static <T> TopicToTable<T> onKafka(
      String name,
      String topic,
      String groupId,
      SinkConfig config,
      Target<T> target,
      Runnable onFatalError,
      ServiceMetrics serviceMetrics) {
    TableMetrics metrics = TableMetrics.of(name, serviceMetrics);
    return new TopicToTable<>(
        name,
        topic,
        target,
        () -> metrics.bound(new KafkaConsumer<>(consumerProperties(config, groupId, target))),
        () -> new KafkaProducer<>(producerProperties(config)),
        onFatalError,
        metrics);
  }

  void start() {
    thread.start();
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try (Producer<byte[], byte[]> deadLetters = deadLetterProducers.get()) {
      while (running) {
        try (Consumer<byte[], byte[]> kafkaConsumer = consumers.get()) {
          consumer = kafkaConsumer;
          committedPositions.clear();
          kafkaConsumer.subscribe(List.of(topic));
          writeUntilStopped(kafkaConsumer, deadLetters);
        } catch (FencedInstanceIdException e) {
          // The group knows this static member under another member id: a consumer started
          // under the same SINK_INSTANCE_ID took it over, or the group's coordinator moved and
          // lost the rejoin (the chaos long run met the latter after a kill). A consumer is
          // useless once fenced; a new one joins again and takes the membership back.
          LOG.warn(
              "{} was fenced from its consumer group as a static member; joining again with a new"
                  + " consumer (repeated, this means two sink instances share SINK_INSTANCE_ID): {}",
              thread.getName(),
              e.getMessage());
          pause(RetryBackoff.MAX);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("{} woken up unexpectedly", thread.getName(), e);
        onFatalError.run();
      }
    } catch (RuntimeException e) {
      LOG.error("{} stopped", thread.getName(), e);
      onFatalError.run();
    }
  }

  /** Polls and writes until closed; a poll the database refuses is retried with backoff. */
  private void writeUntilStopped(
      Consumer<byte[], byte[]> kafkaConsumer, Producer<byte[], byte[]> deadLetters) {
    Duration backoff = RetryBackoff.FIRST;
    while (running) {
      try {
        writeOnePoll(kafkaConsumer, deadLetters);
        backoff = RetryBackoff.FIRST;
      } catch (SQLException | DeadLetterUnavailable | SchemaRegistryUnavailableException e) {
        LOG.warn(
            "cannot write {}, retrying the same records in {} ms: {}",
            topic,
            backoff.toMillis(),
            e.getMessage());
        pause(backoff);
        backoff = RetryBackoff.after(backoff);
      } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
        // The rows are written; records whose offsets did not commit are redelivered, and
        // writing them again is harmless.
        LOG.warn("could not commit {} offsets, carrying on: {}", topic, e.toString());
      }
    }
  }

  /**
   * One poll: decode, write in one transaction, then commit the offsets. When the write fails the
   * consumer is rewound, so that the next poll returns the same records.
   */
  void writeOnePoll(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetters)
      throws SQLException {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    if (records.isEmpty()) {
      commitIfMovedWithoutRecords(consumer);
      return;
    }
    try {
      write(decode(records, deadLetters), deadLetters);
    } catch (SQLException | DeadLetterUnavailable | SchemaRegistryUnavailableException e) {
      // A registry that cannot be asked says nothing about the record: read it again, never
      // dead-letter it.
      rewind(consumer, records);
      throw e;
    }
    commit(consumer);
  }

  /** Commits the consumer's positions and remembers them. */
  private void commit(Consumer<byte[], byte[]> consumer) {
    consumer.commitSync();
    committedPositions.clear();
    for (TopicPartition partition : consumer.assignment()) {
      positionOf(consumer, partition).ifPresent(at -> committedPositions.put(partition, at));
    }
  }

  /**
   * A poll without records may still have moved the position: over a transaction's commit marker,
   * which a read_committed consumer reads but never returns. Unless that is committed, the group's
   * committed offset stays one short of the end of a quiet partition, and whoever reads the group's
   * lag (an operator's tool, the benchmark) sees the sink behind when it is not.
   */
  private void commitIfMovedWithoutRecords(Consumer<byte[], byte[]> consumer) {
    for (TopicPartition partition : consumer.assignment()) {
      Long committed = committedPositions.get(partition);
      if (committed != null
          && positionOf(consumer, partition).filter(at -> at > committed).isPresent()) {
        commit(consumer);
        return;
      }
    }
  }

  /** The position, when the consumer knows it without asking the broker. */
  private static Optional<Long> positionOf(
      Consumer<byte[], byte[]> consumer, TopicPartition partition) {
    try {
      return Optional.of(consumer.position(partition, Duration.ZERO));
    } catch (TimeoutException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** An item to write and the record it came from, to dead-letter if PostgreSQL refuses it. */
  private record Decoded<T>(ConsumerRecord<byte[], byte[]> source, T item) {}

  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  private List<Decoded<T>> decode(
      ConsumerRecords<byte[], byte[]> records, Producer<byte[], byte[]> deadLetters) {
    List<Decoded<T>> decoded = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try (var logged = RequestLogContext.open(record.headers())) {
        try {
          target.decode(record).ifPresent(item -> decoded.add(new Decoded<>(record, item)));
        } catch (SerializationException e) {
          deadLetter(deadLetters, record, e.getMessage());
          metrics.deadLettered(MetricNames.REASON_UNDECODABLE);
        }
      }
    }
    return decoded;
  }

  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  private void write(List<Decoded<T>> decoded, Producer<byte[], byte[]> deadLetters)
      throws SQLException {
    if (decoded.isEmpty()) {
      return;
    }
    try (var logged = requestsOf(decoded)) {
      target.write(decoded.stream().map(Decoded::item).toList());
      metrics.written(decoded.size());
    } catch (SQLException e) {
      if (!isPermanent(e)) {
        metrics.databaseError(MetricNames.KIND_TRANSIENT);
        throw e;
      }
      metrics.databaseError(MetricNames.KIND_PERMANENT);
      // Data the table refuses (a constraint, an invalid value) will be refused forever: write
      // record by record and dead-letter the ones refused, so that the others still get in.
      writeOneByOne(decoded, deadLetters);
    }
  }

  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  private void writeOneByOne(List<Decoded<T>> decoded, Producer<byte[], byte[]> deadLetters)
      throws SQLException {
    for (Decoded<T> single : decoded) {
      try (var logged = RequestLogContext.open(single.source().headers())) {
        try {
          target.write(List.of(single.item()));
          metrics.written(1);
        } catch (SQLException e) {
          if (!isPermanent(e)) {
            metrics.databaseError(MetricNames.KIND_TRANSIENT);
            throw e;
          }
          metrics.databaseError(MetricNames.KIND_PERMANENT);
          deadLetter(
              deadLetters, single.source(), "PostgreSQL refused the record: " + e.getMessage());
          metrics.deadLettered(MetricNames.REASON_REFUSED_BY_DATABASE);
        }
      }
    }
  }

  /** Most ids one batch's MDC lists; a poll holds up to {@code max.poll.records} (500). */
  static final int MAX_LOGGED_REQUESTS = 20;

  /**
   * The requests of a batch in the MDC: their distinct ids (and tenants), comma-separated, so a
   * search for one request finds what was logged while its record was written with others.
   */
  private static RequestLogContext.Scope requestsOf(List<? extends Decoded<?>> batch) {
    return RequestLogContext.open(
        joined(batch, record -> RequestHeaders.requestId(record.headers())),
        joined(batch, record -> RequestHeaders.tenant(record.headers())));
  }

  private static Optional<String> joined(
      List<? extends Decoded<?>> batch,
      Function<ConsumerRecord<byte[], byte[]>, Optional<String>> value) {
    List<String> distinct =
        batch.stream()
            .map(Decoded::source)
            .map(value)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    if (distinct.isEmpty()) {
      return Optional.empty();
    }
    String listed =
        String.join(",", distinct.subList(0, Math.min(distinct.size(), MAX_LOGGED_REQUESTS)));
    return Optional.of(
        distinct.size() > MAX_LOGGED_REQUESTS
            ? listed + ",+" + (distinct.size() - MAX_LOGGED_REQUESTS) + " more"
            : listed);
  }

  /**
   * SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) do not heal by
   * retrying.
   */
  private static boolean isPermanent(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static void deadLetter(
      Producer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.warn(
        "dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    try {
      // Waits for the broker: the offset is committed right after, and the record must not vanish.
      producer
          .send(
              new ProducerRecord<>(
                  Topics.DEAD_LETTERS.name(),
                  null,
                  record.key(),
                  record.value(),
                  DeadLetters.headers(
                      record.headers(),
                      reason,
                      record.topic(),
                      record.partition(),
                      record.offset())))
          .get();
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

  private static void rewind(
      Consumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
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

  static Map<String, Object> consumerProperties(
      SinkConfig config, String groupId, Target<?> target) {
    Map<String, Object> props = consumerProperties(config, groupId);
    props.putAll(target.consumerSettings());
    return props;
  }

  static Map<String, Object> consumerProperties(SinkConfig config, String groupId) {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.putAll(config.membership().consumerSettings(config.kafkaClient()));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.materializerBatchSize());
    // A read_committed fetch may otherwise sit out fetch.max.wait.ms (500 ms) after the
    // transaction it waits for commits, and the read side would lag by that much.
    props.putIfAbsent(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, StreamsAppConfig.LOW_LATENCY_FETCH_WAIT_MS);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private static Map<String, Object> producerProperties(SinkConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaClient());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  @Override
  public void close() {
    running = false;
    Consumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
