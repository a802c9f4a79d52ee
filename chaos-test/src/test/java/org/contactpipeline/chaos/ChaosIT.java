package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.stack.LocalPostgres;
import org.contactpipeline.stack.TopicLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline as deployed, under load, while its parts are SIGKILLed and brought back on a
 * schedule: a 3-node KRaft cluster (replication 3, min ISR 2) and PostgreSQL, two resolver
 * instances, the sink and ingest, each its own JVM from its own runtime classpath. Load is HTTP
 * establish from several clients and commands from a plain producer, about 30 % of keys repeated.
 * Afterwards, with a deadline, the invariants must hold (one ID per key, no shared ID, exactly one
 * committed result per accepted command, PostgreSQL equal to the changelog's last golden records,
 * versions never going back, every 200 consistent with the results); the availability and recovery
 * figures are printed and written to target/chaos-report.txt, each against its goal.
 *
 * <p>The short variant (about 95 s of load) runs in every {@code verify}; {@code -Pchaos-long} runs
 * 600 s with more faults and fails on a missed goal ({@code -Dchaos.enforce-goals=true}, which its
 * profile sets); the short variant only reports the goals: its few faults on a shared 2-core
 * machine are a measurement, the invariants are not.
 */
class ChaosIT {

  private static final int PARTITIONS = 6;
  private static final int HTTP_CLIENTS = 3;
  private static final double REPEAT_SHARE = 0.3;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

  /**
   * How long ingest waits for results before its 504 (PIPELINE_RESPONSE_TIMEOUT_MS, its default).
   */
  private static final Duration INGEST_TIMEOUT =
      Settings.of(IngestConfig.DEFAULTS).millis("pipeline.response-timeout-ms");

  private static final Duration START = Duration.ofSeconds(150);
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
  private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(120);
  private static final Duration BROKER_DOWNTIME = Duration.ofSeconds(12);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final KeyPool keys = new KeyPool(run);
  private final List<HttpAnswer> answers = new CopyOnWriteArrayList<>();
  private final Set<String> acceptedCommands = ConcurrentHashMap.newKeySet();
  private final AtomicLong refusedCommands = new AtomicLong();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final long begin = System.nanoTime();

  /**
   * One HTTP answer: when it was asked and answered, its status (-1: no answer), and what it said.
   */
  record HttpAnswer(
      long sentNanos,
      long answeredNanos,
      int status,
      List<String> keys,
      String requestId,
      Map<String, Long> ids,
      String body) {

    /** The last moment the request is known to have been open: its answer, or its sending. */
    long lastSeenNanos() {
      return Math.max(sentNanos, answeredNanos);
    }
  }

  /**
   * One fault: what was killed, when, and when it was working again (RUNNING/ready, or the cluster
   * whole).
   */
  record Fault(String kind, String target, long killedNanos, long recoveredNanos) {
    double recoverySeconds() {
      return recoveredNanos < 0 ? Double.NaN : (recoveredNanos - killedNanos) / 1e9;
    }

    boolean covers(long nanos) {
      return nanos >= killedNanos && nanos <= end();
    }

    /** Whether the window was open at some moment of {@code [from, to]}. */
    boolean overlaps(long from, long to) {
      return from <= end() && to >= killedNanos;
    }

    private long end() {
      return recoveredNanos < 0 ? Long.MAX_VALUE : recoveredNanos + Duration.ofSeconds(1).toNanos();
    }
  }

  @Test
  @Timeout(1200)
  void shouldKeepEveryInvariantAndAnswerThroughKillsOfResolversSinkIngestAndABroker()
      throws Exception {
    int loadSeconds = Integer.getInteger("chaos.load-seconds", 95);
    Path dir = Files.createTempDirectory("chaos-test");
    try (KafkaCluster cluster = new KafkaCluster(dir)) {
      cluster.start();
      cluster.awaitNodes(KafkaCluster.NODES, START);
      try (LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0)) {
        String bootstrap = cluster.bootstrapServers();
        TopicLayout.ensureTopics(
            Map.<String, Object>of("bootstrap.servers", bootstrap),
            PARTITIONS,
            PARTITIONS,
            (short) 3);
        Map<String, String> extra =
            Map.of(
                // Streams' own topics (changelogs, repartitions) replicated like the rest.
                "KAFKA_REPLICATION_FACTOR", "3",
                // A supervisor restarts a killed instance within a second or two: short sessions.
                "RESOLVER_SESSION_TIMEOUT_MS", "6000");
        Deployment deployment =
            new Deployment(bootstrap, postgres.jdbcUrl(), postgres.user(), PARTITIONS, dir);
        int ingestPort = ChildJvm.freePort();
        try (ServiceJvm resolverA = deployment.resolver("resolver-a", ChildJvm.freePort(), extra);
            ServiceJvm resolverB = deployment.resolver("resolver-b", ChildJvm.freePort(), extra);
            ServiceJvm sink = deployment.sink(ChildJvm.freePort(), extra);
            ServiceJvm ingest = deployment.ingest(ingestPort, extra)) {
          List<ServiceJvm> services = List.of(resolverA, resolverB, sink, ingest);
          resolverA.start();
          resolverB.start();
          sink.start();
          sink.awaitReady(START);
          ingest.start();
          for (ServiceJvm service : services) {
            service.awaitReady(START);
          }
          long startedNanos = System.nanoTime();

          Report report;
          try (ResultsCollector results = new ResultsCollector(bootstrap);
              PartitionOwners owners = new PartitionOwners(bootstrap)) {
            long loadStart = System.nanoTime();
            long loadEnd = loadStart + Duration.ofSeconds(loadSeconds).toNanos();
            List<Thread> load = startLoad(ingestPort, bootstrap, loadEnd);
            List<Thread> faultRunners =
                startFaults(loadStart, loadSeconds, cluster, resolverA, resolverB, sink, ingest);
            for (Thread thread : load) {
              thread.join(Duration.ofSeconds(loadSeconds + 60L).toMillis());
            }
            long loadStopped = System.nanoTime();
            for (Thread runner : faultRunners) {
              runner.join(RECOVERY_DEADLINE.toMillis() + BROKER_DOWNTIME.toMillis());
            }
            long lastFault =
                faults.stream()
                    .mapToLong(f -> Math.max(f.killedNanos(), f.recoveredNanos()))
                    .max()
                    .orElse(0);
            long drainFrom = Math.max(loadStopped, lastFault);
            Map<String, Integer> expected = expectedResults();
            boolean drained = Waits.until(DRAIN_DEADLINE, () -> missing(expected, results) == 0);
            long drainedAt = System.nanoTime();
            report =
                new Report(
                    loadSeconds,
                    (startedNanos - begin) / 1e9,
                    drained ? (drainedAt - drainFrom) / 1e9 : Double.NaN,
                    owners);
            report.check(expected, results, bootstrap, postgres, services);
          }
          report.print(dir);
          report.assertInvariants();
          if (Boolean.getBoolean("chaos.enforce-goals")) {
            report.assertGoals();
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- load

  private List<Thread> startLoad(int ingestPort, String bootstrap, long loadEnd) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < HTTP_CLIENTS; i++) {
      Thread client = new Thread(() -> httpClientLoop(ingestPort, loadEnd), "http-client-" + i);
      client.start();
      threads.add(client);
    }
    Thread producer = new Thread(() -> producerLoop(bootstrap, loadEnd), "command-producer");
    producer.start();
    threads.add(producer);
    return threads;
  }

  private void httpClientLoop(int port, long loadEnd) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI establish = URI.create("http://127.0.0.1:" + port + "/contacts/v1/establish");
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
        answers.add(parse(sent, response.statusCode(), requestKeys, response.body()));
      } catch (IOException e) {
        answers.add(
            new HttpAnswer(sent, System.nanoTime(), -1, requestKeys, null, Map.of(), e.toString()));
        // Ingest is down (killed): a real client backs off before its retry instead of spinning.
        Waits.pause(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static HttpAnswer parse(long sent, int status, List<String> requestKeys, String body) {
    long answered = System.nanoTime();
    Map<String, Long> ids = new LinkedHashMap<>();
    String requestId = null;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode response = root.isArray() && !root.isEmpty() ? root.get(0) : root;
      if (response.hasNonNull("requestServiceMessageID")) {
        requestId = response.get("requestServiceMessageID").asText();
      }
      if (status == 200) {
        for (JsonNode item : response.path("items")) {
          JsonNode reference = item.path("value").path("contactReference");
          ids.put(reference.path("contactKey").asText(), reference.path("contactID").asLong());
        }
      }
    } catch (IOException e) {
      // Not JSON: recorded as is; the report counts it as an unclear answer.
    }
    return new HttpAnswer(sent, answered, status, requestKeys, requestId, ids, body);
  }

  private void producerLoop(String bootstrap, long loadEnd) {
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
      // About 40 commands a second: enough to keep every partition busy, not enough to swamp 2
      // cores.
      pace.scheduleAtFixedRate(
          () -> {
            String requestId = "cmd-" + run + "-" + sequence.incrementAndGet();
            ContactKey key = new ContactKey(Deployment.TENANT, 0, keys.next(1).get(0));
            ContactCommand command =
                ContactCommand.newBuilder()
                    .setRequestId(requestId)
                    .setItemIndex(0)
                    .setItemCount(1)
                    .setKey(key)
                    .setAction(CommandAction.ESTABLISH)
                    .setReplyTo(null)
                    .setIssuedAt(Instant.now())
                    .build();
            producer.send(
                new ProducerRecord<>(Topics.COMMANDS.name(), key, command),
                (metadata, error) -> {
                  if (error == null) {
                    acceptedCommands.add(requestId);
                  } else {
                    refusedCommands.incrementAndGet();
                  }
                });
          },
          0,
          25,
          TimeUnit.MILLISECONDS);
      Waits.until(
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

  /** Contact keys of this run; about 30 % of the keys asked for are ones asked for before. */
  private static final class KeyPool {
    private final String run;
    private final List<String> used = new ArrayList<>();

    KeyPool(String run) {
      this.run = run;
    }

    synchronized List<String> next(int count) {
      List<String> picked = new ArrayList<>();
      while (picked.size() < count) {
        String key =
            !used.isEmpty() && ThreadLocalRandom.current().nextDouble() < REPEAT_SHARE
                ? used.get(ThreadLocalRandom.current().nextInt(used.size()))
                : "chaos-" + run + "-" + used.size();
        if (!picked.contains(key)) {
          if (!used.contains(key)) {
            used.add(key);
          }
          picked.add(key);
        }
      }
      return picked;
    }

    synchronized Set<String> all() {
      return new HashSet<>(used);
    }
  }

  // ---------------------------------------------------------------- faults

  /**
   * The schedule: a resolver every 20 s (alternating), the sink every 40 s, ingest every 60 s, a
   * broker every 60 s. Each target has a thread of its own, so a part that is slow to come back
   * delays only its own next kill, never the others'; a kill whose time comes after the load has
   * ended is skipped, so that the drain is measured after the last fault and not through one.
   */
  private List<Thread> startFaults(
      long loadStart,
      int loadSeconds,
      KafkaCluster cluster,
      ServiceJvm resolverA,
      ServiceJvm resolverB,
      ServiceJvm sink,
      ServiceJvm ingest) {
    int last = loadSeconds - 12;
    Map<String, TreeMap<Integer, Runnable>> schedules = new LinkedHashMap<>();
    int resolverKills = 0;
    for (int t = 10; t <= last; t += 20) {
      ServiceJvm target = resolverKills++ % 2 == 0 ? resolverA : resolverB;
      schedules
          .computeIfAbsent(target.name(), name -> new TreeMap<>())
          .put(t, () -> killAndRestart("resolver", target, ServiceJvm::isReady));
    }
    for (int t = 22; t <= last; t += 40) {
      schedules
          .computeIfAbsent(sink.name(), name -> new TreeMap<>())
          .put(t, () -> killAndRestart("sink", sink, ServiceJvm::isReady));
    }
    // Ingest is back when it serves: /health/live. Its /health/ready also wants the resolver and
    // sink groups stable, which the other faults keep disturbing, and would stretch its window
    // over requests it answered.
    for (int t = 45; t <= last; t += 60) {
      schedules
          .computeIfAbsent(ingest.name(), name -> new TreeMap<>())
          .put(t, () -> killAndRestart("ingest", ingest, ServiceJvm::isLive));
    }
    int brokerKills = 0;
    for (int t = 65; t <= last; t += 60) {
      int node = 1 + brokerKills++ % (KafkaCluster.NODES - 1);
      schedules
          .computeIfAbsent("brokers", name -> new TreeMap<>())
          .put(t, () -> killAndRestartBroker(cluster, node));
    }
    long loadEnd = loadStart + Duration.ofSeconds(loadSeconds).toNanos();
    List<Thread> runners = new ArrayList<>();
    schedules.forEach(
        (target, schedule) -> {
          Thread runner =
              new Thread(
                  () -> {
                    for (Map.Entry<Integer, Runnable> fault : schedule.entrySet()) {
                      long at = loadStart + Duration.ofSeconds(fault.getKey()).toNanos();
                      Waits.until(Duration.ofSeconds(loadSeconds), () -> System.nanoTime() >= at);
                      if (System.nanoTime() < loadEnd) {
                        fault.getValue().run();
                      }
                    }
                  },
                  "faults-" + target);
          runner.start();
          runners.add(runner);
        });
    return runners;
  }

  /**
   * SIGKILL, then start again at once as a supervisor would; recovered when {@code recovered}
   * holds.
   */
  private void killAndRestart(
      String kind, ServiceJvm service, java.util.function.Predicate<ServiceJvm> recovered) {
    long killed = System.nanoTime();
    service.kill();
    service.start();
    boolean ready = Waits.until(RECOVERY_DEADLINE, () -> recovered.test(service));
    faults.add(new Fault(kind, service.name(), killed, ready ? System.nanoTime() : -1));
  }

  /**
   * SIGKILL a broker, leave it down for a while, start it; recovered when all three nodes serve
   * again.
   */
  private void killAndRestartBroker(KafkaCluster cluster, int node) {
    ChildJvm broker = cluster.node(node);
    long killed = System.nanoTime();
    broker.kill();
    Waits.pause(BROKER_DOWNTIME);
    broker.start();
    long recovered = -1;
    try {
      cluster.awaitNodes(KafkaCluster.NODES, RECOVERY_DEADLINE);
      recovered = System.nanoTime();
    } catch (IllegalStateException e) {
      // recorded as not recovered
    }
    faults.add(new Fault("broker", broker.name(), killed, recovered));
  }

  // ---------------------------------------------------------------- checks

  /**
   * Request id to the number of item results it must have: accepted commands, and HTTP requests
   * that were accepted.
   */
  private Map<String, Integer> expectedResults() {
    Map<String, Integer> expected = new HashMap<>();
    acceptedCommands.forEach(id -> expected.put(id, 1));
    for (HttpAnswer answer : answers) {
      if ((answer.status() == 200 || answer.status() == 504) && answer.requestId() != null) {
        expected.put(answer.requestId(), answer.keys().size());
      }
    }
    return expected;
  }

  private static int missing(Map<String, Integer> expected, ResultsCollector results) {
    int missing = 0;
    for (Map.Entry<String, Integer> request : expected.entrySet()) {
      long items =
          results.of(request.getKey()).stream()
              .mapToInt(ResultsCollector.Result::itemIndex)
              .distinct()
              .count();
      missing += (int) Math.max(0, request.getValue() - items);
    }
    return missing;
  }

  /** Every figure of one run, and the checks behind them. */
  private final class Report {
    private final PartitionOwners owners;
    private final int loadSeconds;
    private final double startSeconds;
    private final double drainSeconds;
    private int lost;
    private int duplicated;
    private int keysWithTwoIds;
    private int idsSharedByKeys;
    private int rowsDiffering;
    private int versionsGoingBack;
    private int inconsistentAnswers;
    private int unclearErrors;
    private int goldenRecords;
    private int resultsSeen;
    private final Map<String, String> unexpectedStarts = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();

    Report(int loadSeconds, double startSeconds, double drainSeconds, PartitionOwners owners) {
      this.owners = owners;
      this.loadSeconds = loadSeconds;
      this.startSeconds = startSeconds;
      this.drainSeconds = drainSeconds;
    }

    void check(
        Map<String, Integer> expected,
        ResultsCollector results,
        String bootstrap,
        LocalPostgres postgres,
        List<ServiceJvm> services)
        throws Exception {
      Set<String> ourKeys = keys.all();
      lost = missing(expected, results);
      Map<String, Set<Long>> idsByKey = new HashMap<>();
      for (List<ResultsCollector.Result> request : results.all().values()) {
        Set<Integer> items = new HashSet<>();
        for (ResultsCollector.Result result : request) {
          resultsSeen++;
          if (!items.add(result.itemIndex())) {
            duplicated++;
            example("duplicate result " + result);
          }
          if (ourKeys.contains(result.key()) && result.contactId() != 0) {
            idsByKey.computeIfAbsent(result.key(), k -> new HashSet<>()).add(result.contactId());
          }
        }
      }
      for (HttpAnswer answer : answers) {
        if (answer.status() == 200) {
          answer
              .ids()
              .forEach((key, id) -> idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(id));
          Map<String, Long> fromResults = new HashMap<>();
          results
              .of(answer.requestId())
              .forEach(result -> fromResults.put(result.key(), result.contactId()));
          if (!fromResults.equals(answer.ids())) {
            inconsistentAnswers++;
            example(
                "200 "
                    + answer.requestId()
                    + " said "
                    + answer.ids()
                    + ", results say "
                    + fromResults);
          }
        } else if (answer.status() == 503 || answer.status() == 504) {
          if (answer.requestId() == null || !answer.body().contains(answer.requestId())) {
            unclearErrors++;
            example(answer.status() + " not naming its request: " + answer.body());
          }
        }
      }
      Map<ContactKey, ContactRecord> golden = readGoldenRecords(bootstrap, ourKeys);
      goldenRecords = golden.size();
      golden.forEach(
          (key, record) ->
              idsByKey
                  .computeIfAbsent(key.getContactKey(), k -> new HashSet<>())
                  .add(record.getContactId()));
      Waits.until(Duration.ofSeconds(60), () -> differingRows(postgres, golden) == 0);
      rowsDiffering = differingRows(postgres, golden);
      for (Map.Entry<String, Set<Long>> key : idsByKey.entrySet()) {
        if (key.getValue().size() > 1) {
          keysWithTwoIds++;
          example("key " + key.getKey() + " has IDs " + key.getValue());
        }
      }
      Map<Long, String> keyById = new HashMap<>();
      for (Map.Entry<String, Set<Long>> key : idsByKey.entrySet()) {
        for (long id : key.getValue()) {
          String other = keyById.putIfAbsent(id, key.getKey());
          if (other != null && !other.equals(key.getKey())) {
            idsSharedByKeys++;
            example("ID " + id + " shared by " + other + " and " + key.getKey());
          }
        }
      }
      // The test is the only supervisor and restarts only what it killed: a service that exited
      // by itself (an unreadable store, a fatal error) is simply not running any more.
      for (ServiceJvm service : services) {
        if (!service.isAlive() || !service.isLive()) {
          unexpectedStarts.put(service.name(), service.isAlive() ? "not live" : "exited");
        }
      }
    }

    /**
     * The last golden record of each of our keys on contact.changelog; counts versions going back
     * on the way.
     */
    private Map<ContactKey, ContactRecord> readGoldenRecords(
        String bootstrap, Set<String> ourKeys) {
      Map<ContactKey, ContactRecord> last = new HashMap<>();
      try (KafkaConsumer<ContactKey, ContactRecord> consumer =
          new KafkaConsumer<>(
              Map.of(
                  "bootstrap.servers",
                  bootstrap,
                  "isolation.level",
                  "read_committed",
                  "enable.auto.commit",
                  "false"),
              Topics.CHANGELOG.keySerde().deserializer(),
              Topics.CHANGELOG.valueSerde().deserializer())) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(Topics.CHANGELOG.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
            && System.nanoTime() < deadline) {
          for (ConsumerRecord<ContactKey, ContactRecord> record :
              consumer.poll(Duration.ofMillis(200))) {
            if (record.value() == null || !ourKeys.contains(record.key().getContactKey())) {
              continue;
            }
            ContactRecord previous = last.put(record.key(), record.value());
            if (previous != null && previous.getVersion() > record.value().getVersion()) {
              versionsGoingBack++;
              example(
                  "version of "
                      + record.key()
                      + " went from "
                      + previous.getVersion()
                      + " to "
                      + record.value().getVersion());
            }
          }
        }
      }
      return last;
    }

    private int differingRows(LocalPostgres postgres, Map<ContactKey, ContactRecord> golden) {
      Map<String, long[]> rows = new HashMap<>();
      try (Connection connection =
              DriverManager.getConnection(
                  postgres.jdbcUrl(), postgres.user(), postgres.password());
          Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "select contact_key, contact_id, version from contacts where tenant = '"
                      + Deployment.TENANT
                      + "' and contact_type = 0 and contact_key like 'chaos-"
                      + run
                      + "-%'")) {
        while (rs.next()) {
          rows.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      } catch (java.sql.SQLException e) {
        return Integer.MAX_VALUE;
      }
      int differing = 0;
      for (Map.Entry<ContactKey, ContactRecord> record : golden.entrySet()) {
        long[] row = rows.remove(record.getKey().getContactKey());
        if (row == null
            || row[0] != record.getValue().getContactId()
            || row[1] != record.getValue().getVersion()) {
          differing++;
        }
      }
      return differing + rows.size();
    }

    private void example(String text) {
      if (examples.size() < 20) {
        examples.add(text);
      }
    }

    private boolean inFault(long nanos, String... kinds) {
      Set<String> wanted = Set.of(kinds);
      return faults.stream().anyMatch(f -> wanted.contains(f.kind()) && f.covers(nanos));
    }

    private Map<Integer, Integer> statuses(java.util.function.Predicate<HttpAnswer> which) {
      Map<Integer, Integer> counts = new TreeMap<>();
      answers.stream()
          .filter(which)
          .forEach(answer -> counts.merge(answer.status(), 1, Integer::sum));
      return counts;
    }

    /**
     * Answers sent in a resolver/sink/broker window while ingest itself was up and stayed up until
     * it answered: a request in flight when ingest was SIGKILLed dies with its connection.
     */
    private List<HttpAnswer> inFaultWindowsWithIngestUp() {
      return answers.stream()
          .filter(
              a ->
                  inFault(a.sentNanos(), "resolver", "sink", "broker")
                      && !inFault(a.sentNanos(), "ingest")
                      && !ingestKilledWhileOpen(a))
          .toList();
    }

    private boolean ingestKilledWhileOpen(HttpAnswer answer) {
      long end = answer.lastSeenNanos();
      return faults.stream()
          .anyMatch(
              f ->
                  f.kind().equals("ingest")
                      && f.killedNanos() >= answer.sentNanos()
                      && f.killedNanos() <= end);
    }

    /** The goal's share: 200s among those answers whose keys live instances owned. */
    private double okShareInFaults() {
      return okShare(
          inFaultWindowsWithIngestUp().stream().filter(this::ownedByLiveInstances).toList());
    }

    private static double okShare(List<HttpAnswer> answered) {
      return answered.isEmpty()
          ? 1.0
          : answered.stream().filter(a -> a.status() == 200).count() / (double) answered.size();
    }

    /**
     * Whether every key of the request was owned, from its sending until its answer (or until its
     * answer was due, when none came), by a resolver instance that was up all that time: only such
     * a request can be answered 200.
     */
    private boolean ownedByLiveInstances(HttpAnswer answer) {
      long end =
          answer.status() > 0 && answer.answeredNanos() >= answer.sentNanos()
              ? answer.answeredNanos()
              : answer.sentNanos() + INGEST_TIMEOUT.toNanos();
      for (String key : answer.keys()) {
        int partition = OwnerPartition.of(new ContactKey(Deployment.TENANT, 0, key), PARTITIONS);
        String owner = owners.ownerAt(partition, answer.sentNanos());
        if (owner == null
            || faults.stream()
                .anyMatch(
                    f ->
                        f.kind().equals("resolver")
                            && isInstance(owner, f.target())
                            && f.overlaps(answer.sentNanos(), end))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Kafka Streams gives each stream thread's consumer the instance's {@code group.instance.id}
     * with {@code -<thread>} appended ({@code resolver-a-1}); dynamic members show their client id.
     */
    private static boolean isInstance(String member, String instance) {
      return member.equals(instance) || member.startsWith(instance + "-");
    }

    /**
     * Requests a broker kill failed: non-200 answers sent in a broker window whose keys live
     * resolver instances owned all along (a request that met a resolver kill of its owner, or an
     * ingest restart, is another fault's), plus commands the producer could not publish.
     */
    private long failedInBrokerWindows() {
      return failedInBrokerWindowList().size() + refusedCommands.get();
    }

    private List<HttpAnswer> failedInBrokerWindowList() {
      return failedWhileOwnedByLiveInstances().stream()
          .filter(a -> inFault(a.sentNanos(), "broker"))
          .toList();
    }

    /** The answers that count against the 200 share: owned by live instances, yet not a 200. */
    private List<HttpAnswer> failedWhileOwnedByLiveInstances() {
      return inFaultWindowsWithIngestUp().stream()
          .filter(a -> a.status() != 200 && ownedByLiveInstances(a))
          .toList();
    }

    /** One failed answer with what was going on around it, to tell which fault it met. */
    private String describe(HttpAnswer answer) {
      long end = answer.lastSeenNanos();
      StringBuilder line =
          new StringBuilder(
              String.format(
                  java.util.Locale.ROOT,
                  "%d sent at %.1f s, answered %.1f s later, %d keys; windows met:",
                  answer.status(),
                  (answer.sentNanos() - begin) / 1e9,
                  (end - answer.sentNanos()) / 1e9,
                  answer.keys().size()));
      faults.stream()
          .filter(f -> f.overlaps(answer.sentNanos(), end))
          .forEach(
              f ->
                  line.append(
                      String.format(
                          java.util.Locale.ROOT,
                          " %s %s (killed at %.1f s)",
                          f.kind(),
                          f.target(),
                          (f.killedNanos() - begin) / 1e9)));
      String body = answer.body() == null ? "" : answer.body();
      line.append("; ").append(body, 0, Math.min(body.length(), 160));
      return line.toString();
    }

    /** 504s of requests whose whole life, from sending to the answer, met no fault window. */
    private List<HttpAnswer> timeoutsOutsideFaultList() {
      return answers.stream().filter(a -> a.status() == 504 && !metAnyFault(a)).toList();
    }

    private long timeoutsOutsideFaults() {
      return timeoutsOutsideFaultList().size();
    }

    /** Whether a fault window was open at any moment between sending the request and its answer. */
    private boolean metAnyFault(HttpAnswer answer) {
      return faults.stream().anyMatch(f -> f.overlaps(answer.sentNanos(), answer.lastSeenNanos()));
    }

    private double worstRecovery(String kind) {
      return faults.stream()
          .filter(f -> f.kind().equals(kind))
          .mapToDouble(Fault::recoverySeconds)
          .map(s -> Double.isNaN(s) ? Double.POSITIVE_INFINITY : s)
          .max()
          .orElse(0);
    }

    void print(Path dir) throws IOException {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "%n=== chaos test: %d s of load, run %s, logs in %s ===%n",
              loadSeconds,
              run,
              dir));
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "start (cluster, database, 4 services ready)  %.1f s%n",
              startSeconds));
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "commands: %d accepted from the producer (%d refused), %d HTTP requests, %d keys, %d results read, "
                  + "%d golden records%n",
              acceptedCommands.size(),
              refusedCommands.get(),
              answers.size(),
              keys.all().size(),
              resultsSeen,
              goldenRecords));
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "faults: %d (%d resolver, %d sink, %d ingest, %d broker)%n",
              faults.size(),
              count("resolver"),
              count("sink"),
              count("ingest"),
              count("broker")));
      List<Fault> byKillTime =
          faults.stream().sorted(java.util.Comparator.comparingLong(Fault::killedNanos)).toList();
      for (Fault fault : byKillTime) {
        out.append(
            String.format(
                java.util.Locale.ROOT,
                "  %-8s %-10s at %6.1f s  recovered in %s%n",
                fault.kind(),
                fault.target(),
                (fault.killedNanos() - begin) / 1e9,
                Double.isNaN(fault.recoverySeconds())
                    ? "NOT within " + RECOVERY_DEADLINE.toSeconds() + " s"
                    : String.format(java.util.Locale.ROOT, "%.1f s", fault.recoverySeconds())));
      }
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "lost %d, duplicated %d, keys with two IDs %d, IDs shared by two keys %d, rows differing %d, "
                  + "versions going back %d, 200s inconsistent with results %d, 503/504 not naming the request %d%n",
              lost,
              duplicated,
              keysWithTwoIds,
              idsSharedByKeys,
              rowsDiffering,
              versionsGoingBack,
              inconsistentAnswers,
              unclearErrors));
      out.append(
          "HTTP by status (-1 = no answer: refused while ingest was down, or cut when it was killed)\n");
      out.append(
          "  inside fault windows:  "
              + statuses(a -> inFault(a.sentNanos(), "resolver", "sink", "broker", "ingest"))
              + "\n");
      out.append(
          "    resolver/sink/broker windows, ingest up: "
              + statuses(
                  a ->
                      inFault(a.sentNanos(), "resolver", "sink", "broker")
                          && !inFault(a.sentNanos(), "ingest"))
              + "\n");
      out.append(
          "    ingest windows:      " + statuses(a -> inFault(a.sentNanos(), "ingest")) + "\n");
      out.append(
          "    broker windows:      " + statuses(a -> inFault(a.sentNanos(), "broker")) + "\n");
      out.append(
          "  outside fault windows: "
              + statuses(a -> !inFault(a.sentNanos(), "resolver", "sink", "broker", "ingest"))
              + "\n");
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "drain after the last fault/load end: %s%n",
              Double.isNaN(drainSeconds)
                  ? "NOT within " + DRAIN_DEADLINE.toSeconds() + " s"
                  : String.format(java.util.Locale.ROOT, "%.1f s", drainSeconds)));
      out.append("services not running or not live at the end: " + unexpectedStarts + "\n");
      out.append("goals:\n");
      out.append(goal("resolver recovered within 15 s (worst)", worstRecovery("resolver"), 15));
      out.append(goal("sink recovered within 15 s (worst)", worstRecovery("sink"), 15));
      out.append(
          goal(
              "requests failed by a broker kill (HTTP non-200 + producer refusals)",
              failedInBrokerWindows(),
              0));
      failedInBrokerWindowList()
          .forEach(
              a -> out.append("    failed in a broker window: ").append(describe(a)).append('\n'));
      List<HttpAnswer> inWindows = inFaultWindowsWithIngestUp();
      long owned = inWindows.stream().filter(this::ownedByLiveInstances).count();
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "  (of %d answers in those windows, %d had every key owned by a live resolver instance, by %d ownership "
                  + "samples; the 200 share of all %d is %.2f %%)%n",
              inWindows.size(),
              owned,
              owners.sampleCount(),
              inWindows.size(),
              okShare(inWindows) * 100));
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "  %-70s %.2f %% (goal >= 99 %%) %s%n",
              "200 share in resolver/sink/broker windows, keys owned by live instances",
              okShareInFaults() * 100,
              okShareInFaults() >= 0.99 ? "MET" : "MISSED"));
      failedWhileOwnedByLiveInstances().stream()
          .limit(40)
          .forEach(a -> out.append("    not a 200: ").append(describe(a)).append('\n'));
      out.append(
          goal(
              "504 outside fault windows (no window open from sending to the answer)",
              timeoutsOutsideFaults(),
              0));
      for (HttpAnswer timedOut : answers.stream().filter(a -> a.status() == 504).toList()) {
        out.append(
            String.format(
                java.util.Locale.ROOT,
                "    504 sent at %.1f s, answered at %.1f s, %s%n",
                (timedOut.sentNanos() - begin) / 1e9,
                (timedOut.answeredNanos() - begin) / 1e9,
                metAnyFault(timedOut) ? "met a fault window" : "met no fault window"));
      }
      out.append(
          goal(
              "drain seconds",
              Double.isNaN(drainSeconds) ? Double.POSITIVE_INFINITY : drainSeconds,
              30));
      examples.forEach(example -> out.append("  e.g. ").append(example).append('\n'));
      System.out.print(out);
      Path report = Path.of("target", "chaos-report.txt");
      Files.createDirectories(report.getParent());
      Files.writeString(report, out.toString(), StandardCharsets.UTF_8);
    }

    private long count(String kind) {
      return faults.stream().filter(f -> f.kind().equals(kind)).count();
    }

    private String goal(String what, double value, double limit) {
      return String.format(
          java.util.Locale.ROOT,
          "  %-70s %.1f (goal <= %s) %s%n",
          what,
          value,
          limit == Math.rint(limit) ? Long.toString((long) limit) : Double.toString(limit),
          value <= limit ? "MET" : "MISSED");
    }

    void assertInvariants() {
      assertThat(faults).as("faults that ran").isNotEmpty();
      assertThat(acceptedCommands).as("commands accepted from the producer").isNotEmpty();
      assertThat(answers.stream().filter(a -> a.status() == 200).count())
          .as("HTTP 200 answers")
          .isPositive();
      assertThat(lost).as("accepted commands without a result").isZero();
      assertThat(duplicated).as("results delivered twice").isZero();
      assertThat(keysWithTwoIds).as("keys with two IDs").isZero();
      assertThat(idsSharedByKeys).as("IDs shared by two keys").isZero();
      assertThat(versionsGoingBack).as("golden record versions going back").isZero();
      assertThat(rowsDiffering)
          .as("PostgreSQL rows differing from the last golden record")
          .isZero();
      assertThat(inconsistentAnswers).as("200 answers inconsistent with contact.results").isZero();
      assertThat(unclearErrors).as("503/504 answers not naming their request").isZero();
      assertThat(unexpectedStarts).as("services that exited by themselves").isEmpty();
      assertThat(faults)
          .as("every killed part came back")
          .allSatisfy(f -> assertThat(f.recoveredNanos()).isPositive());
    }

    void assertGoals() {
      assertThat(worstRecovery("resolver"))
          .as("worst resolver recovery, s")
          .isLessThanOrEqualTo(15);
      assertThat(worstRecovery("sink")).as("worst sink recovery, s").isLessThanOrEqualTo(15);
      assertThat(failedInBrokerWindows()).as("requests failed by a broker kill").isZero();
      assertThat(okShareInFaults()).as("200 share during faults").isGreaterThanOrEqualTo(0.99);
      assertThat(timeoutsOutsideFaults()).as("504 outside fault windows").isZero();
      assertThat(drainSeconds).as("drain, s").isLessThanOrEqualTo(30);
    }
  }
}
