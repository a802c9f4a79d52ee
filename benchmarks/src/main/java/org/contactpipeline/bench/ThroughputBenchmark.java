package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.contactpipeline.bench.ThroughputPlan.RequestShape;
import org.contactpipeline.bench.ThroughputResults.Bulk;
import org.contactpipeline.bench.ThroughputResults.FireAndForget;
import org.contactpipeline.bench.ThroughputResults.Http;
import org.contactpipeline.bench.ThroughputResults.HttpStep;
import org.contactpipeline.bench.ThroughputResults.LargeRequests;
import org.contactpipeline.bench.ThroughputResults.RawKafka;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.stack.LocalStack;

/**
 * Throughput of the pipeline at volume, against two references measured in the same run on the same
 * stack: raw Kafka (produce rate and one produce → read_committed hop) and a direct-JDBC peer
 * serving establish without Kafka ({@link DirectJdbcPeer}). This class runs the steps a {@link
 * ThroughputPlan} asks for, in order, into {@link ThroughputResults}; {@link ThroughputReport}
 * prints every figure and its ratio; only the ratios travel between machines.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@throughput}; options
 * {@code -Dbench.bulk=N} (commands in the bulk load, 200000), {@code -Dbench.seconds=S} (per HTTP
 * load step, 5), {@code -Dbench.clients=1,8,32,128}, {@code -Dbench.bulk-warmup=N} (commands per
 * unmeasured warm-up round, 50000), {@code -Dbench.only=bulk} (references and bulk load only).
 */
public final class ThroughputBenchmark {

  private static final String BEARER = "Bearer demo-token";
  private static final int OK = 200;
  private static final Duration STEP_WARMUP = Duration.ofSeconds(1);
  private static final Duration HTTP_WARMUP_ROUND = Duration.ofSeconds(2);
  private static final int LARGE_REQUEST_KEYS = 1000;
  private static final int FIRE_AND_FORGET_KEYS = 50;
  private static final int FIRE_AND_FORGET_CLIENTS = 32;

  private final ThroughputPlan plan;
  private final LocalStack stack;
  private final DirectJdbcPeer peer;
  private final DataSource database;
  private final ContactRows rows;
  private final Path dataDir;
  private final LoadGenerator load = new LoadGenerator();

  /** Tells this run's keys, tenants and request IDs apart from any other on the stack. */
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  private ThroughputBenchmark(
      ThroughputPlan plan,
      LocalStack stack,
      DirectJdbcPeer peer,
      DataSource database,
      Path dataDir) {
    this.plan = plan;
    this.stack = stack;
    this.peer = peer;
    this.database = database;
    this.rows = new ContactRows(database);
    this.dataDir = dataDir;
  }

  public static void main(String[] args) throws Exception {
    ThroughputPlan plan = ThroughputPlan.fromSystemProperties();
    ThroughputReport report = new ThroughputReport(System.out);
    Path dataDir = Files.createTempDirectory("contact-pipeline-throughput");
    long begin = System.nanoTime();
    ThroughputResults results = null;
    try (LocalStack stack = LocalStack.start(BenchStackConfig.in(dataDir))) {
      System.out.printf("stack ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
      DatabaseConfig databaseConfig = DatabaseConfig.from(stack.services());
      try (DirectJdbcPeer peer = DirectJdbcPeer.start(databaseConfig, "demo-token")) {
        results =
            new ThroughputBenchmark(plan, stack, peer, databaseConfig.dataSource(), dataDir).run();
        report.print(results);
      }
    } finally {
      // Once the stack is closed: RocksDB keeps recent writes in memory until it flushes on close.
      if (results != null) {
        results
            .http()
            .ifPresent(
                http ->
                    report.printResolverStateOnDisk(
                        http.contacts(), BenchFiles.sizeInBytes(dataDir.resolve("resolver"))));
      }
      BenchFiles.deleteQuietly(dataDir);
    }
  }

  private ThroughputResults run() throws Exception {
    warmUpBulk();
    RawKafka rawKafka = measureRawKafka();
    Bulk bulk = measureBulk();
    if (plan.bulkOnly()) {
      return new ThroughputResults(rawKafka, bulk, Optional.empty());
    }
    return new ThroughputResults(rawKafka, bulk, Optional.of(measureHttp()));
  }

  /**
   * Unmeasured bulk loads until the JIT has compiled what a bulk load runs. On a cold stack the C2
   * compiler took two thirds of a core (top -H) all through a bulk load, even after a
   * 50,000-command warm-up. Rounds of {@link ThroughputPlan#bulkWarmup()} commands (0 turns warming
   * off) until {@link JitWarmUp} sees the compiler settle; the raw baseline, measured after them,
   * runs on the same warm broker.
   */
  private void warmUpBulk() throws Exception {
    int commands = plan.bulkWarmup();
    if (commands > 0) {
      JitWarmUp.untilSettled(
          "bulk warm-up of " + commands + " commands",
          round ->
              new BulkLoad(stack.bootstrapServers(), database).run(runId + "-w" + round, commands));
    }
  }

  /** Raw Kafka with records of a bulk command's size, as many as the bulk load sends. */
  private RawKafka measureRawKafka() throws Exception {
    KafkaBaseline kafka = new KafkaBaseline(stack.bootstrapServers());
    kafka.roundTrips(100);
    Latencies hop = kafka.roundTrips(500);
    int commandBytes = BulkLoad.commandBytes();
    int partitions = stack.services().positiveInteger("commands.partitions");
    double rawRate = kafka.produceRate(plan.bulk(), partitions, commandBytes);
    Progress.line(
        "raw produce %.0f rec/s (%d B records, %d partitions); hop p50 %.2f ms p99 %.2f ms",
        rawRate, commandBytes, partitions, hop.percentileMillis(50), hop.percentileMillis(99));
    return new RawKafka(rawRate, commandBytes, partitions, hop);
  }

  private Bulk measureBulk() throws Exception {
    int bulk = plan.bulk();
    // Kafka's .log files hold exactly what was written (indexes are preallocated, so they are left
    // out).
    long kafkaBytesBefore = BenchFiles.sizeInBytes(dataDir.resolve("kafka"), ".log");
    long heapBeforeBulk = heapAfterGc();
    TransactionProfile transactionsBefore = TransactionProfile.ofResolver();
    BrokerRequests brokerBeforeBulk = BrokerRequests.now();
    MachineProfile machineBeforeBulk = MachineProfile.now();
    BulkLoad.Result bulkResult = new BulkLoad(stack.bootstrapServers(), database).run(runId, bulk);
    Progress.line(
        "bulk %s", MachineProfile.now().since(machineBeforeBulk, bulkResult.rowsSeconds()));
    Progress.line(
        "%s",
        BrokerRequests.now().since(brokerBeforeBulk, bulk, bulkResult.rowsSeconds(), "contact"));
    Progress.line(
        "%s",
        TransactionProfile.ofResolver().since(transactionsBefore, bulkResult.resultsSeconds()));
    long kafkaBytesPerContact =
        (BenchFiles.sizeInBytes(dataDir.resolve("kafka"), ".log") - kafkaBytesBefore) / bulk;
    Progress.line(
        "bulk %d: published in %.1f s, results in %.1f s, rows in %.1f s",
        bulk, bulkResult.publishSeconds(), bulkResult.resultsSeconds(), bulkResult.rowsSeconds());
    long heapAfterBulk = heapAfterGc();
    return new Bulk(bulkResult, kafkaBytesPerContact, heapBeforeBulk, heapAfterBulk);
  }

  private Http measureHttp() throws Exception {
    warmUpHttp();
    List<HttpStep> steps = new ArrayList<>();
    for (RequestShape shape : plan.httpSteps()) {
      steps.add(measureStep(shape));
    }
    LargeRequests largeRequests =
        new LargeRequests(
            LARGE_REQUEST_KEYS,
            load.run(
                1,
                plan.step().multipliedBy(2),
                OK,
                establish(stack.httpUrl(), runId + "-k", LARGE_REQUEST_KEYS, true)));
    FireAndForget fireAndForget = fireAndForget(runId + "-f");
    return new Http(steps, largeRequests, fireAndForget, rows.count());
  }

  /**
   * Unmeasured HTTP load on both servers until the JIT has compiled their HTTP paths. With 8
   * seconds each, the compiler threads still took half a core (top -H) through the 128-client step,
   * more in the pipeline's (whose JVM also holds the broker and the Streams app) than in the
   * peer's, so the steps measured the compiler. Rounds of {@link #HTTP_WARMUP_ROUND} on each, 1-key
   * and 50-key requests at 32 and 128 clients, until {@link JitWarmUp} sees the compiler settle.
   */
  private void warmUpHttp() throws Exception {
    long[] pipelineKeys = {0};
    JitWarmUp.untilSettled(
        "HTTP warm-up",
        round -> {
          for (String url : List.of(stack.httpUrl(), peer.url())) {
            for (int keys : ThroughputPlan.KEYS_PER_REQUEST) {
              for (int clients : new int[] {32, 128}) {
                String keyPrefix = runId + "-jit-" + round + "x" + keys + "x" + clients;
                LoadGenerator.Result warm =
                    load.run(clients, HTTP_WARMUP_ROUND, OK, establish(url, keyPrefix, keys, true));
                if (url.equals(stack.httpUrl())) {
                  pipelineKeys[0] += (long) warm.ok() * keys;
                }
              }
            }
          }
        });
    // The sink materializes the warm-up's contacts after their answers; the steps must not share
    // the machine, or the PostgreSQL both servers use, with that backlog.
    double drainSeconds = rows.secondsUntilStored(runId + "-jit", pipelineKeys[0]);
    Progress.line(
        "HTTP warm-up: %d contacts in PostgreSQL %.1f s later", pipelineKeys[0], drainSeconds);
  }

  /** The same load on the pipeline, then on the peer. */
  private HttpStep measureStep(RequestShape shape) throws Exception {
    LoadGenerator.Result pipeline = measure(stack.httpUrl(), runId + "-p", shape);
    LoadGenerator.Result direct = measure(peer.url(), runId + "-d", shape);
    Progress.line(
        "%d keys, %d clients: pipeline %.0f req/s, peer %.0f req/s",
        shape.keys(), shape.clients(), pipeline.requestsPerSecond(), direct.requestsPerSecond());
    return new HttpStep(shape, pipeline, direct);
  }

  private LoadGenerator.Result measure(String baseUrl, String keyPrefix, RequestShape shape)
      throws Exception {
    int keys = shape.keys();
    int clients = shape.clients();
    load.run(
        clients,
        STEP_WARMUP,
        OK,
        establish(baseUrl, keyPrefix + "-warm-" + keys + "-" + clients, keys, true));
    BrokerRequests brokerBefore = BrokerRequests.now();
    TransactionProfile transactionsBefore = TransactionProfile.ofResolver();
    MachineProfile machineBefore = MachineProfile.now();
    LoadGenerator.Result measured =
        load.run(
            clients,
            plan.step(),
            OK,
            establish(baseUrl, keyPrefix + "-" + keys + "-" + clients, keys, true));
    boolean pipeline = baseUrl.equals(stack.httpUrl());
    Progress.line(
        "%s %s",
        pipeline ? "pipeline" : "peer",
        MachineProfile.now().since(machineBefore, measured.seconds()));
    if (pipeline) {
      Progress.line(
          "%s",
          BrokerRequests.now()
              .since(brokerBefore, measured.ok(), measured.seconds(), "answered request"));
      Progress.line(
          "%s", TransactionProfile.ofResolver().since(transactionsBefore, measured.seconds()));
    }
    return measured;
  }

  /**
   * Establish requests for new keys only, so every request does the full work of creating contacts.
   */
  private IntFunction<HttpRequest> establish(
      String baseUrl, String keyPrefix, int keys, boolean returnResults) {
    return i ->
        load.post(
                baseUrl + "/contacts/v1/establish",
                BEARER,
                IntStream.range(0, keys)
                    .mapToObj(k -> "\"" + keyPrefix + "-" + i + "-" + k + "\"")
                    .collect(
                        Collectors.joining(
                            ",",
                            "{\"contactKeys\":[",
                            "]" + (returnResults ? "" : ",\"returnResults\":false") + "}")))
            .build();
  }

  /**
   * Fire-and-forget establish: how fast requests are accepted, then how long the backlog takes to
   * be in PostgreSQL.
   */
  private FireAndForget fireAndForget(String keyPrefix) throws Exception {
    LoadGenerator.Result accepted =
        load.run(
            FIRE_AND_FORGET_CLIENTS,
            plan.step(),
            OK,
            establish(stack.httpUrl(), keyPrefix, FIRE_AND_FORGET_KEYS, false));
    return new FireAndForget(
        FIRE_AND_FORGET_KEYS,
        accepted,
        rows.secondsUntilStored(keyPrefix, (long) accepted.ok() * FIRE_AND_FORGET_KEYS));
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
