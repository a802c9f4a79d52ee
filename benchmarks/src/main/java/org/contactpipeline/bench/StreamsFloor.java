package org.contactpipeline.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.contactpipeline.config.StreamsAppConfig;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.testing.BulkCommands;
import org.contactpipeline.testing.Poll;

/**
 * The Kafka Streams floor: the least any Kafka Streams design for the resolver's job pays, measured
 * on the same broker in the same run. A minimal exactly-once application, as small as the dedup
 * examples in Kafka's own repository: it reads the same command records (same bytes, same partition
 * count) from a topic of its own, keeps one persistent, change-logged store of key → ID, gives a
 * key it has not seen the next ID, and writes one result (the ID) per command. Its Streams settings
 * are the resolver's own (thread count, commit interval, producer and consumer tuning, exactly-once
 * v2); only the application id, state directory and topology differ. It decodes nothing, validates
 * nothing, merges nothing and writes no golden record: what the resolver does beyond it is what the
 * ratio charges.
 */
final class StreamsFloor {

  /** How long a floor run of {@code commands} took to be answered, counted from its first send. */
  record Result(int commands, double resultsSeconds) {

    double resultsPerSecond() {
      return commands / resultsSeconds;
    }
  }

  private static final String STORE = "floor-ids";
  private static final Duration RUNNING_WITHIN = Duration.ofSeconds(60);

  private final String bootstrap;
  private final StreamsAppConfig resolverStreams;
  private final int partitions;
  private final Path stateDir;

  StreamsFloor(String bootstrap, StreamsAppConfig resolverStreams, int partitions, Path stateDir) {
    this.bootstrap = bootstrap;
    this.resolverStreams = resolverStreams;
    this.partitions = partitions;
    this.stateDir = stateDir;
  }

  /**
   * Starts a fresh floor application, then sends {@code count} bulk commands through it.
   *
   * @param profile whether to print the CPU each thread took meanwhile (taken before the
   *     application stops, while its threads still count)
   */
  Result run(String run, int count, boolean profile) throws Exception {
    String input = "bench.floor.commands." + run;
    String output = "bench.floor.results." + run;
    createTopics(input, output);
    try (KafkaStreams floor = new KafkaStreams(topology(input, output), properties(run));
        KafkaConsumer<byte[], byte[]> results = fromEnd(output);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                BulkCommands.producerProperties(bootstrap),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      floor.start();
      Poll.until(RUNNING_WITHIN, floor::state, state -> state == KafkaStreams.State.RUNNING);
      String tenant = "floor-" + run;
      CpuByThread cpuBefore = CpuByThread.now();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        ContactCommand command = BulkCommands.upsert(tenant, "floor-" + run + "-" + i, i);
        producer.send(
            new ProducerRecord<>(
                input,
                Topics.COMMANDS.keySerde().serializer().serialize(input, command.getKey()),
                Topics.COMMANDS.valueSerde().serializer().serialize(input, command)));
      }
      producer.flush();
      awaitResults(results, count, start, BulkLoad.deadlineFor(count));
      Result result = new Result(count, (System.nanoTime() - start) / 1e9);
      if (profile) {
        Progress.line("floor %s", CpuByThread.now().since(cpuBefore, result.resultsSeconds(), 10));
      }
      return result;
    }
  }

  private Properties properties(String run) throws Exception {
    Properties props = resolverStreams.streamsProperties();
    // Bytes in, bytes out: nothing to dead-letter, so the resolver's handler is not needed.
    props.remove("deserialization.exception.handler");
    props.remove("errors.dead.letter.queue.topic.name");
    props.put("application.id", "bench-floor-" + run);
    props.put("state.dir", Files.createDirectories(stateDir.resolve("floor-" + run)).toString());
    return props;
  }

  static Topology topology(String input, String output) {
    Topology topology = new Topology();
    topology.addSource(
        "commands", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
    topology.addProcessor("assign-ids", IdAssigner::new, "commands");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.Long()),
        "assign-ids");
    topology.addSink(
        "results",
        output,
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer(),
        "assign-ids");
    return topology;
  }

  /**
   * One ID per key, ever: a key seen before gets its ID again, a new one the task's next, kept in
   * the store under a key no command has (an empty one), so a restore brings the counter back with
   * the IDs.
   */
  static final class IdAssigner implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Bytes NEXT_ID = Bytes.wrap(new byte[0]);

    private KeyValueStore<Bytes, Long> ids;
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.ids = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> command) {
      Bytes key = Bytes.wrap(command.key());
      Long id = ids.get(key);
      if (id == null) {
        Long next = ids.get(NEXT_ID);
        id = next == null ? 1L : next;
        ids.put(NEXT_ID, id + 1);
        ids.put(key, id);
      }
      context.forward(command.withValue(ByteBuffer.allocate(Long.BYTES).putLong(id).array()));
    }
  }

  private void createTopics(String input, String output) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(input, partitions, (short) 1),
                  new NewTopic(output, partitions, (short) 1)))
          .all()
          .get();
    }
  }

  private KafkaConsumer<byte[], byte[]> fromEnd(String topic) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> all =
        java.util.stream.IntStream.range(0, partitions)
            .mapToObj(partition -> new TopicPartition(topic, partition))
            .toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    all.forEach(consumer::position);
    return consumer;
  }

  private static void awaitResults(
      KafkaConsumer<byte[], byte[]> results, int count, long startNanos, Duration deadline) {
    long until = startNanos + deadline.toNanos();
    int seen = 0;
    while (seen < count) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "only " + seen + " of " + count + " floor results arrived within " + deadline);
      }
      seen += results.poll(Duration.ofMillis(100)).count();
    }
  }
}
