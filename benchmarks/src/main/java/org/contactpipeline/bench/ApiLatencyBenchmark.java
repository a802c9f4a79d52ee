package org.contactpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.contactpipeline.stack.LocalStack;

/**
 * Latency of the vendor APIs through the whole pipeline, one request at a time: establish of 1 and
 * 50 new keys, a Marketing Cloud contact create, a Cendyn update of an existing contact, a lookup
 * by key from PostgreSQL, and a delete (answered once the row is gone). The machine is shared and
 * noisy, so absolute numbers travel badly; each figure is also given as a ratio to a baseline
 * measured in the same run on the same broker: one record produced with {@code acks=all} and read
 * back by a {@code read_committed} consumer, the least any Kafka round trip can cost here.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@bench} (optional {@code
 * -Dbench.requests=N}; stack settings come from the environment as usual).
 */
public final class ApiLatencyBenchmark {

  private static final int WARMUP = 50;

  /** Demo credentials of the local stack, in each vendor's scheme. */
  private static final String BEARER = "Bearer demo-token";

  private static final String TOKEN = "Token token=demo-token";

  private ApiLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("bench.requests", 300);
    Path dataDir = Files.createTempDirectory("contact-pipeline-bench");
    long begin = System.nanoTime();
    try (LocalStack stack = LocalStack.start(BenchStackConfig.in(dataDir))) {
      double startSeconds = (System.nanoTime() - begin) / 1e9;
      Client api = new Client(stack.httpUrl());
      KafkaBaseline kafka = new KafkaBaseline(stack.bootstrapServers());

      for (int i = 0; i < WARMUP; i++) {
        api.send("POST", "/contacts/v1/establish", BEARER, newKeys(1), 200);
        kafka.roundTrips(1);
      }
      Latencies baseline = kafka.roundTrips(requests);
      long[] oneKey =
          time(requests, i -> api.send("POST", "/contacts/v1/establish", BEARER, newKeys(1), 200));
      long[] fiftyKeys =
          time(
              Math.max(20, requests / 3),
              i -> api.send("POST", "/contacts/v1/establish", BEARER, newKeys(50), 200));
      String run = UUID.randomUUID().toString();
      long[] creates =
          time(
              requests,
              i ->
                  api.send(
                      "POST",
                      "/contacts/v1/contacts",
                      BEARER,
                      marketingCloudContact(address(run, i)),
                      200));
      long[] updates =
          time(
              requests,
              i ->
                  api.send(
                      "POST",
                      "/v2/account/demo/contact/",
                      TOKEN,
                      "{\"email\": \"" + address(run, i) + "\", \"tags\": [\"update-" + i + "\"]}",
                      201));
      long[] lookups =
          time(
              requests,
              i ->
                  api.send(
                      "GET", "/contacts/v1/contacts/key:" + address(run, i), BEARER, null, 200));
      long[] deletes =
          time(
              requests,
              i ->
                  api.send(
                      "POST",
                      "/contacts/v1/contacts/actions/delete?type=keys",
                      BEARER,
                      "{\"values\": [\""
                          + address(run, i)
                          + "\"], \"DeleteOperationType\": \"ContactAndAttributes\"}",
                      200));

      System.out.printf(
          "%nStack started (broker, PostgreSQL, resolver, sink, ingest healthy) in %.1f s%n%n",
          startSeconds);
      System.out.printf(
          "%-34s %9s %9s %9s %12s %12s%n",
          "sequential requests", "n", "p50 ms", "p99 ms", "p50/base", "p99/base");
      report("baseline: Kafka produce+consume", baseline, baseline);
      report("establish, 1 new key", new Latencies(oneKey), baseline);
      report("establish, 50 new keys", new Latencies(fiftyKeys), baseline);
      report("MC create contact, new key", new Latencies(creates), baseline);
      report("Cendyn create, existing email", new Latencies(updates), baseline);
      report("MC lookup by key (PostgreSQL)", new Latencies(lookups), baseline);
      report("MC delete 1 key, row gone", new Latencies(deletes), baseline);
    } finally {
      BenchFiles.deleteQuietly(dataDir);
    }
  }

  /** Runs {@code request} for i = 0..n-1, one after another, and returns each one's duration. */
  private static long[] time(int requests, Request request)
      throws IOException, InterruptedException {
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
    return "{\"contactKey\": \""
        + address
        + "\", \"attributeSets\": [{\"name\": \"Email Addresses\", \"items\": "
        + "[{\"values\": [{\"name\": \"Email Address\", \"value\": \""
        + address
        + "\"}, "
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
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Authorization", authorization)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    }
  }

  private static String newKeys(int count) {
    String run = UUID.randomUUID().toString();
    return IntStream.range(0, count)
        .mapToObj(i -> "\"bench-" + run + "-" + i + "\"")
        .collect(Collectors.joining(",", "{\"contactKeys\":[", "]}"));
  }

  private static void report(String name, Latencies latencies, Latencies baseline) {
    double p50 = latencies.percentileMillis(50);
    double p99 = latencies.percentileMillis(99);
    System.out.printf(
        "%-34s %9d %9.1f %9.1f %11.1fx %11.1fx%n",
        name,
        latencies.count(),
        p50,
        p99,
        p50 / baseline.percentileMillis(50),
        p99 / baseline.percentileMillis(99));
  }
}
