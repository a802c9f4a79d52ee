package org.contactpipeline.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;

/**
 * The load of a chaos run: several HTTP clients calling establish on ingest, and a plain producer
 * writing commands straight to {@code contact.commands}, all drawing keys from one {@link KeyPool}
 * until the load's end. It records every answer and every command Kafka accepted or refused; what
 * they must add up to is the checks' business.
 */
final class LoadDriver {

  static final int HTTP_CLIENTS = 3;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

  /** About 40 commands a second: enough to keep every partition busy, not to swamp 2 cores. */
  private static final Duration COMMAND_EVERY = Duration.ofMillis(25);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the load left behind, read once its threads have stopped. */
  record Load(
      List<HttpAnswer> answers,
      Set<String> acceptedCommands,
      long refusedCommands,
      Set<String> keys) {

    long okAnswers() {
      return answers.stream().filter(a -> a.status() == 200).count();
    }
  }

  private final String run;
  private final KeyPool keys;
  private final int ingestPort;
  private final String bootstrap;
  private final List<HttpAnswer> answers = new CopyOnWriteArrayList<>();
  private final Set<String> acceptedCommands = ConcurrentHashMap.newKeySet();
  private final AtomicLong refusedCommands = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  LoadDriver(String run, int ingestPort, String bootstrap) {
    this.run = run;
    this.keys = new KeyPool(run);
    this.ingestPort = ingestPort;
    this.bootstrap = bootstrap;
  }

  /** Starts the clients and the producer; each stops by itself at {@code loadEnd} (nanoTime). */
  void start(long loadEnd) {
    for (int i = 0; i < HTTP_CLIENTS; i++) {
      Thread client = new Thread(() -> httpClientLoop(loadEnd), "http-client-" + i);
      client.start();
      threads.add(client);
    }
    Thread producer = new Thread(() -> producerLoop(loadEnd), "command-producer");
    producer.start();
    threads.add(producer);
  }

  /** Waits for every load thread, each at most {@code each}. */
  void awaitStopped(Duration each) throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(each.toMillis());
    }
  }

  Load load() {
    return new Load(
        List.copyOf(answers), Set.copyOf(acceptedCommands), refusedCommands.get(), keys.all());
  }

  private void httpClientLoop(long loadEnd) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI establish = URI.create("http://127.0.0.1:" + ingestPort + "/contacts/v1/establish");
    while (System.nanoTime() < loadEnd) {
      List<String> requestKeys = keys.next(1 + ThreadLocalRandom.current().nextInt(3));
      String body;
      try {
        body = JSON.writeValueAsString(Map.of("contactKeys", requestKeys));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      HttpRequest request =
          HttpRequest.newBuilder(establish)
              .timeout(HTTP_TIMEOUT)
              .header("Authorization", "Bearer " + Deployment.TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      long sent = System.nanoTime();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        answers.add(
            HttpAnswer.parse(
                sent, System.nanoTime(), response.statusCode(), requestKeys, response.body()));
      } catch (IOException e) {
        answers.add(HttpAnswer.unanswered(sent, System.nanoTime(), requestKeys, e.toString()));
        // Ingest is down (killed): a real client backs off before its retry instead of spinning.
        Poll.pause(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void producerLoop(long loadEnd) {
    AtomicLong sequence = new AtomicLong();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<ContactKey, ContactCommand> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "acks",
                "all",
                "delivery.timeout.ms",
                "60000",
                "linger.ms",
                "5"),
            Topics.COMMANDS.keySerde().serializer(),
            Topics.COMMANDS.valueSerde().serializer())) {
      pace.scheduleAtFixedRate(
          () -> send(producer, "cmd-" + run + "-" + sequence.incrementAndGet()),
          0,
          COMMAND_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      Poll.holdsWithin(
          Duration.ofNanos(
              Math.max(0, loadEnd - System.nanoTime()) + Duration.ofSeconds(1).toNanos()),
          () -> System.nanoTime() >= loadEnd);
      pace.shutdown();
      try {
        pace.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.flush();
    }
  }

  /** One establish command without a reply address: its result is only on contact.results. */
  private void send(KafkaProducer<ContactKey, ContactCommand> producer, String requestId) {
    ContactKey key = new ContactKey(Deployment.TENANT, 0, keys.next(1).get(0));
    ContactCommand command = PipelineTopics.command(requestId, key);
    producer.send(
        new ProducerRecord<>(Topics.COMMANDS.name(), key, command),
        (metadata, error) -> {
          if (error == null) {
            acceptedCommands.add(requestId);
          } else {
            refusedCommands.incrementAndGet();
          }
        });
  }
}
