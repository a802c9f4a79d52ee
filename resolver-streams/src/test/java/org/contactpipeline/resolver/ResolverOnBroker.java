package org.contactpipeline.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
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
 * producer or an auditor would use (catalogue serdes, results read {@code read_committed}). Tests
 * of several instances build further members of the same group ({@link #instance}) and wait for the
 * group to settle on them ({@link #awaitSettled}). Every wait polls until a deadline; nothing
 * sleeps to synchronize.
 */
final class ResolverOnBroker implements AutoCloseable {

  /** Tenant of every key these tests publish; the one the stack's demo token maps to. */
  static final String TENANT = "demo";

  /** As the local stack lays out its topics (StackConfig's defaults). */
  private static final int OTHER_PARTITIONS = 12;

  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(90);

  private final LocalKafka kafka;
  private final Path dataDir;
  private final Settings settings;
  private final ResolverService resolver;

  private ResolverOnBroker(LocalKafka kafka, Path dataDir, Settings settings) {
    this.kafka = kafka;
    this.dataDir = dataDir;
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
      return new ResolverOnBroker(kafka, dataDir, settings);
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

  /**
   * A further resolver of the same application on this broker, as a deployment runs several (built,
   * not started): its own instance id and a state directory of its own under this broker's data
   * directory.
   */
  ResolverInstance instance(String instanceId, StoreCaching caching) {
    return new ResolverInstance(
        settings, instanceId, dataDir.resolve("instance-" + instanceId), caching);
  }

  /** As {@link #instance(String, StoreCaching)}, with settings of its own over the harness's. */
  ResolverInstance instance(
      String instanceId, StoreCaching caching, Map<String, String> extraSettings) {
    return new ResolverInstance(
        settings, instanceId, dataDir.resolve("instance-" + instanceId), caching, extraSettings);
  }

  /**
   * Polls the resolver's consumer group until it is stable with exactly these members, by instance
   * id: the rebalance that followed the last instance to come or go has finished.
   */
  void awaitGroupMembers(Set<String> instanceIds) {
    String group = settings.string("resolver.application-id");
    try (Admin admin = Admin.create(settings.kafkaClientProperties())) {
      Poll.until(
          STATE_TIMEOUT,
          () -> describe(admin, group),
          described ->
              described != null
                  && described.groupState() == GroupState.STABLE
                  && described.members().stream()
                      .map(member -> instanceOf(member.groupInstanceId().orElse("")))
                      .collect(Collectors.toSet())
                      .equals(instanceIds));
    }
  }

  /**
   * Waits until the group has settled on exactly {@code members} (those in this JVM RUNNING) and
   * they have answered every command {@code commands} sent so far: every partition is being decided
   * again after an instance came or went.
   */
  void awaitSettled(CommandStream commands, ResolverOutputs outputs, ResolverInstance... members) {
    Set<String> instanceIds = new HashSet<>();
    for (ResolverInstance member : members) {
      instanceIds.add(member.instanceId());
    }
    awaitGroupMembers(instanceIds);
    for (ResolverInstance member : members) {
      if (!member.runsInOwnJvm()) {
        member.awaitRunningHere();
      }
    }
    outputs.awaitResults(commands.accepted(), STATE_TIMEOUT);
  }

  /** Streams names each stream thread's member {@code <instance id>-<thread number>}. */
  private static String instanceOf(String memberInstanceId) {
    int thread = memberInstanceId.lastIndexOf('-');
    return thread < 0 ? memberInstanceId : memberInstanceId.substring(0, thread);
  }

  /** The group as the coordinator describes it; {@code null} while it does not exist yet. */
  private static ConsumerGroupDescription describe(Admin admin, String group) {
    try {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return null;
      }
      throw new IllegalStateException("cannot describe the consumer group " + group, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot describe the consumer group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + group, e);
    }
  }

  /** Publishes every command to {@code contact.commands}, keyed by its key; returns once acked. */
  void publish(List<ContactCommand> commands) {
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        PipelineTopics.commandProducer(bootstrapServers())) {
      sendAll(producer, commands);
    }
  }

  /**
   * Sends every command to {@code contact.commands} on {@code producer}, keyed by its key, and
   * returns once all are acknowledged.
   */
  static void sendAll(
      Producer<ContactKey, ContactCommand> producer, List<ContactCommand> commands) {
    List<Future<?>> sent = new ArrayList<>();
    for (ContactCommand command : commands) {
      sent.add(
          producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command)));
    }
    try {
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
