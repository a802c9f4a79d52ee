package org.contactpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;

/**
 * Latency of establish through the whole pipeline, one request at a time, for 1 and 50 new
 * keys. The machine is shared and noisy, so absolute numbers travel badly; each figure is also
 * given as a ratio to a baseline measured in the same run on the same broker: one record
 * produced with {@code acks=all} and read back by a {@code read_committed} consumer, the least
 * any Kafka round trip can cost here.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@bench}
 * (optional {@code -Dbench.requests=N}; stack settings come from the environment as usual).
 */
public final class EstablishLatencyBenchmark {

  private static final int WARMUP = 50;

  private EstablishLatencyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("bench.requests", 300);
    Path dataDir = Files.createTempDirectory("contact-pipeline-bench");
    // The environment tunes the stack as usual (e.g. RESOLVER_COMMIT_INTERVAL_MS); only where it
    // lives and listens is the benchmark's own.
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(Map.of(
        "STACK_DATA_DIR", dataDir.toString(), "HTTP_PORT", "0", "STACK_KAFKA_PORT", "0", "STACK_POSTGRES_PORT", "0"));
    long begin = System.nanoTime();
    try (LocalStack stack = LocalStack.start(StackConfig.load(environment))) {
      double startSeconds = (System.nanoTime() - begin) / 1e9;
      HttpClient http = HttpClient.newHttpClient();
      String url = stack.httpUrl() + "/contacts/v1/establish";

      for (int i = 0; i < WARMUP; i++) {
        establish(http, url, newKeys(1));
        kafkaRoundTrip(stack.bootstrapServers(), 1);
      }
      long[] baseline = kafkaRoundTrip(stack.bootstrapServers(), requests);
      long[] oneKey = timeEstablish(http, url, requests, 1);
      long[] fiftyKeys = timeEstablish(http, url, Math.max(20, requests / 3), 50);

      System.out.printf("%nStack started (broker, PostgreSQL, resolver, sink, ingest healthy) in %.1f s%n%n", startSeconds);
      System.out.printf("%-34s %9s %9s %9s %12s %12s%n", "sequential requests", "n", "p50 ms", "p99 ms",
          "p50/base", "p99/base");
      report("baseline: Kafka produce+consume", baseline, baseline);
      report("establish, 1 new key", oneKey, baseline);
      report("establish, 50 new keys", fiftyKeys, baseline);
    } finally {
      deleteQuietly(dataDir);
    }
  }

  private static long[] timeEstablish(HttpClient http, String url, int requests, int keysPerRequest)
      throws IOException, InterruptedException {
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      String body = newKeys(keysPerRequest);
      long start = System.nanoTime();
      establish(http, url, body);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static void establish(HttpClient http, String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer demo-token")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("establish answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static String newKeys(int count) {
    String run = UUID.randomUUID().toString();
    return IntStream.range(0, count).mapToObj(i -> "\"bench-" + run + "-" + i + "\"")
        .collect(Collectors.joining(",", "{\"contactKeys\":[", "]}"));
  }

  /** One record at a time: produce (acks=all), then poll until the read_committed consumer has it. */
  private static long[] kafkaRoundTrip(String bootstrap, int requests) throws Exception {
    String topic = "bench.baseline";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      }
    }
    Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
    Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    long[] nanos = new long[requests];
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
        new StringSerializer());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
        ConsumerRecords<String, String> got = ConsumerRecords.empty();
        while (got.isEmpty()) {
          got = consumer.poll(Duration.ofMillis(100));
        }
        nanos[i] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  private static void report(String name, long[] nanos, long[] baseline) {
    double p50 = percentile(nanos, 50);
    double p99 = percentile(nanos, 99);
    System.out.printf("%-34s %9d %9.1f %9.1f %11.1fx %11.1fx%n", name, nanos.length, p50, p99,
        p50 / percentile(baseline, 50), p99 / percentile(baseline, 99));
  }

  /** Nearest-rank percentile in milliseconds. */
  private static double percentile(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, rank)] / 1e6;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
