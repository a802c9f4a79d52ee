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
 * Latency of the vendor APIs through the whole pipeline, one request at a time: establish of 1
 * and 50 new keys, a Marketing Cloud contact create, a Cendyn update of an existing contact, a
 * lookup by key from PostgreSQL, and a delete (answered once the row is gone). The machine is shared and noisy, so absolute numbers travel badly; each figure is also
 * given as a ratio to a baseline measured in the same run on the same broker: one record
 * produced with {@code acks=all} and read back by a {@code read_committed} consumer, the least
 * any Kafka round trip can cost here.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@bench}
 * (optional {@code -Dbench.requests=N}; stack settings come from the environment as usual).
 */
public final class ApiLatencyBenchmark {

  private static final int WARMUP = 50;
  /** Demo credentials of the local stack, in each vendor's scheme. */
  private static final String BEARER = "Bearer demo-token";
  private static final String TOKEN = "Token token=demo-token";

  private ApiLatencyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("bench.requests", 300);
    Path dataDir = Files.createTempDirectory("contact-pipeline-bench");
    // The environment tunes the stack as usual (e.g. RESOLVER_COMMIT_INTERVAL_MS); only where it
    // lives and listens is the benchmark's own.
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(Map.of(
        "STACK_DATA_DIR", dataDir.toString(), "HTTP_PORT", "0", "STACK_KAFKA_PORT", "0", "STACK_POSTGRES_PORT", "0",
        "STACK_RESOLVER_HEALTH_PORT", "0", "STACK_SINK_HEALTH_PORT", "0"));
    long begin = System.nanoTime();
    try (LocalStack stack = LocalStack.start(StackConfig.load(environment))) {
      double startSeconds = (System.nanoTime() - begin) / 1e9;
      Client api = new Client(stack.httpUrl());

      for (int i = 0; i < WARMUP; i++) {
        api.send("POST", "/contacts/v1/establish", BEARER, newKeys(1), 200);
        kafkaRoundTrip(stack.bootstrapServers(), 1);
      }
      long[] baseline = kafkaRoundTrip(stack.bootstrapServers(), requests);
      long[] oneKey = time(requests, i -> api.send("POST", "/contacts/v1/establish", BEARER, newKeys(1), 200));
      long[] fiftyKeys = time(Math.max(20, requests / 3),
          i -> api.send("POST", "/contacts/v1/establish", BEARER, newKeys(50), 200));
      String run = UUID.randomUUID().toString();
      long[] creates = time(requests, i -> api.send("POST", "/contacts/v1/contacts", BEARER,
          marketingCloudContact(address(run, i)), 200));
      long[] updates = time(requests, i -> api.send("POST", "/v2/account/demo/contact/", TOKEN,
          "{\"email\": \"" + address(run, i) + "\", \"tags\": [\"update-" + i + "\"]}", 201));
      long[] lookups = time(requests, i -> api.send("GET", "/contacts/v1/contacts/key:" + address(run, i), BEARER,
          null, 200));
      long[] deletes = time(requests, i -> api.send("POST", "/contacts/v1/contacts/actions/delete?type=keys", BEARER,
          "{\"values\": [\"" + address(run, i) + "\"], \"DeleteOperationType\": \"ContactAndAttributes\"}", 200));

      System.out.printf("%nStack started (broker, PostgreSQL, resolver, sink, ingest healthy) in %.1f s%n%n", startSeconds);
      System.out.printf("%-34s %9s %9s %9s %12s %12s%n", "sequential requests", "n", "p50 ms", "p99 ms",
          "p50/base", "p99/base");
      report("baseline: Kafka produce+consume", baseline, baseline);
      report("establish, 1 new key", oneKey, baseline);
      report("establish, 50 new keys", fiftyKeys, baseline);
      report("MC create contact, new key", creates, baseline);
      report("Cendyn create, existing email", updates, baseline);
      report("MC lookup by key (PostgreSQL)", lookups, baseline);
      report("MC delete 1 key, row gone", deletes, baseline);
    } finally {
      deleteQuietly(dataDir);
    }
  }

  /** Runs {@code request} for i = 0..n-1, one after another, and returns each one's duration. */
  private static long[] time(int requests, Request request) throws IOException, InterruptedException {
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      request.send(i);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static String address(String run, int i) {
    return "bench-" + run + "-" + i + "@example.com";
  }

  private static String marketingCloudContact(String address) {
    return "{\"contactKey\": \"" + address + "\", \"attributeSets\": [{\"name\": \"Email Addresses\", \"items\": "
        + "[{\"values\": [{\"name\": \"Email Address\", \"value\": \"" + address + "\"}, "
        + "{\"name\": \"HTML Enabled\", \"value\": true}]}]}]}";
  }

  /** One timed request, the {@code i}-th of its series. */
  private interface Request {
    void send(int i) throws IOException, InterruptedException;
  }

  /** The API as a caller uses it; any answer other than the expected status stops the benchmark. */
  private record Client(String baseUrl) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    void send(String method, String path, String authorization, String body, int expectedStatus)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", authorization)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
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
