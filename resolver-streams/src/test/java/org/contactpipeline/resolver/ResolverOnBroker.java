package org.contactpipeline.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;

/**
 * The resolver alone on a real broker, shared by the tests of one class (started in
 * {@code @BeforeAll}, closed in {@code @AfterAll}): an in-process KRaft broker with the pipeline's
 * topics laid out as a deployment lays them out, the production {@link ResolverService} configured
 * from its own defaults plus this broker and a temporary state directory, and the clients a direct
 * producer or an auditor would use (catalogue serdes, results read {@code read_committed}). Every
 * wait polls until a deadline; nothing sleeps to synchronize.
 */
final class ResolverOnBroker implements AutoCloseable {

  /** Tenant of every key these tests publish; the one the stack's demo token maps to. */
  static final String TENANT = "demo";

  /** As the local stack lays out its topics (StackConfig's defaults). */
  private static final int OTHER_PARTITIONS = 12;

  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(90);

  private final LocalKafka kafka;
  private final Settings settings;
  private final ResolverService resolver;

  private ResolverOnBroker(LocalKafka kafka, Settings settings) {
    this.kafka = kafka;
    this.settings = settings;
    this.resolver = new ResolverService(ResolverConfig.from(settings));
  }

  /**
   * Starts a broker under {@code dataDir} and lays out the topics; the resolver is built but not
   * started ({@link #startResolver}).
   */
  static ResolverOnBroker start(Path dataDir) {
    LocalKafka kafka = LocalKafka.start(dataDir.resolve("kafka"), 0);
    try {
      Settings settings =
          Settings.layer(ResolverConfig.DEFAULTS, Map.of())
              .with(
                  Map.of(
                      "kafka.bootstrap.servers",
                      kafka.bootstrapServers(),
                      "resolver.state-dir",
                      dataDir.resolve("resolver").toString()));
      TopicLayout.ensureTopics(
          settings.kafkaClientProperties(),
          settings.positiveInteger("commands.partitions"),
          OTHER_PARTITIONS);
      return new ResolverOnBroker(kafka, settings);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** The settings the resolver runs with: its defaults, this broker, a temporary state dir. */
  Settings settings() {
    return settings;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The in-process resolver; tests close and start it again as a supervisor would. */
  ResolverService resolver() {
    return resolver;
  }

  /** Starts the in-process resolver and waits until it is RUNNING. */
  void startResolver() {
    resolver.start();
    awaitResolverState(state -> state == KafkaStreams.State.RUNNING);
  }

  /** Polls the in-process resolver's state until {@code done} holds; returns that state. */
  KafkaStreams.State awaitResolverState(Predicate<KafkaStreams.State> done) {
    return Poll.until(STATE_TIMEOUT, resolver::state, done);
  }

  /** Publishes every command to {@code contact.commands}, keyed by its key; returns once acked. */
  void publish(List<ContactCommand> commands) {
    List<Future<?>> sent = new ArrayList<>();
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(bootstrapServers())) {
      for (ContactCommand command : commands) {
        sent.add(
            producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command)));
      }
      for (Future<?> ack : sent) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a command was not acknowledged", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing commands", e);
    }
  }

  /**
   * Establishes each key by an ESTABLISH command of its own and waits for the results: contact key
   * to contact ID, in the order given. What an HTTP establish would answer, without ingest.
   */
  Map<String, Long> establishIds(String requestPrefix, List<ContactKey> keys, Duration timeout) {
    Map<String, ContactKey> byRequest = new LinkedHashMap<>();
    for (ContactKey key : keys) {
      byRequest.put(requestPrefix + "-" + key.getContactKey(), key);
    }
    publish(
        byRequest.entrySet().stream()
            .map(request -> PipelineTopics.command(request.getKey(), request.getValue()))
            .toList());
    Map<String, Long> idsByKey = new HashMap<>();
    for (ConsumerRecord<String, ContactResult> result :
        readResults(
            record -> byRequest.containsKey(record.key()),
            read -> read.size() >= byRequest.size(),
            timeout)) {
      idsByKey.put(result.value().getKey().getContactKey(), result.value().getContactId());
    }
    Map<String, Long> inOrder = new LinkedHashMap<>();
    for (ContactKey key : keys) {
      inOrder.put(key.getContactKey(), idsByKey.get(key.getContactKey()));
    }
    return inOrder;
  }

  /**
   * Reads {@code contact.results} (read_committed) from the beginning until {@code enough} holds
   * for what was read that matches {@code wanted}; fails at the deadline saying how much was read.
   */
  List<ConsumerRecord<String, ContactResult>> readResults(
      Predicate<ConsumerRecord<String, ContactResult>> wanted,
      Predicate<List<ConsumerRecord<String, ContactResult>>> enough,
      Duration timeout) {
    return PipelineTopics.readUntil(bootstrapServers(), Topics.RESULTS, wanted, enough, timeout);
  }

  /** A fresh temporary directory, for a state directory or a child process's files. */
  static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the resolver, then the broker. */
  @Override
  public void close() {
    try {
      resolver.close();
    } finally {
      kafka.close();
    }
  }
}
