package org.contactpipeline.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code clients} callers, each sending its next request as soon as
 * the last one is answered, for a fixed time. Pipeline and peer are driven by this same code with
 * the same shapes, so their figures differ only by what serves them.
 */
final class LoadGenerator {

  /** Longer than any server-side timeout, so that a slow answer is measured rather than cut. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What one run of the generator saw. */
  record Result(int clients, double seconds, Latencies okLatencies, Map<String, Integer> failures) {

    int ok() {
      return okLatencies.count();
    }

    int failed() {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    double requestsPerSecond() {
      return ok() / seconds;
    }
  }

  /**
   * Runs for {@code duration}; {@code request} builds the i-th request of the run (unique i across
   * clients). A request counts as ok only when answered with {@code expectedStatus}.
   */
  Result run(int clients, Duration duration, int expectedStatus, IntFunction<HttpRequest> request)
      throws InterruptedException {
    AtomicInteger sequence = new AtomicInteger();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    List<long[]> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (int c = 0; c < clients; c++) {
      LatencyBuffer latencies = new LatencyBuffer();
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < deadline) {
                    HttpRequest next = request.apply(sequence.getAndIncrement());
                    long sent = System.nanoTime();
                    String failure = send(next, expectedStatus);
                    if (failure == null) {
                      latencies.add(System.nanoTime() - sent);
                    } else {
                      failures.merge(failure, 1, Integer::sum);
                    }
                  }
                } finally {
                  synchronized (perClient) {
                    perClient.add(latencies.toArray());
                  }
                  done.countDown();
                }
              },
              "load-" + c);
      threads.add(thread);
      thread.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = perClient.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    return new Result(clients, seconds, new Latencies(all), new TreeMap<>(failures));
  }

  HttpRequest.Builder post(String url, String authorization, String body) {
    return HttpRequest.newBuilder(java.net.URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Null when answered as expected, else what went wrong (a status, or the exception's type). */
  private String send(HttpRequest request, int expectedStatus) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == expectedStatus
          ? null
          : Integer.toString(response.statusCode());
    } catch (IOException e) {
      return e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** A growable long array, one per client thread, so recording costs no lock. */
  private static final class LatencyBuffer {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
