package org.contactpipeline.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.stack.LocalStack;

/**
 * Throughput of the pipeline at volume, against two references measured in the same run on the same
 * stack: raw Kafka (produce rate and one produce → read_committed hop) and a direct-JDBC peer
 * serving establish without Kafka ({@link DirectJdbcPeer}). Prints every figure and its ratio; only
 * the ratios travel between machines.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@throughput}; options
 * {@code -Dbench.bulk=N} (commands in the bulk load, 200000), {@code -Dbench.seconds=S} (per HTTP
 * load step, 5), {@code -Dbench.clients=1,8,32,128}, {@code -Dbench.bulk-warmup=N} (commands per
 * unmeasured warm-up round, 50000), {@code -Dbench.only=bulk} (references and bulk load only).
 */
public final class ThroughputBenchmark {

  private static final String BEARER = "Bearer demo-token";
  private static final Duration WARMUP = Duration.ofSeconds(1);
  private static final Duration HTTP_WARMUP_ROUND = Duration.ofSeconds(2);
  private static final int BULK_WARMUP = 50_000;
  private static final int WARMUP_ROUNDS = 8;
  private static final double SETTLED_COMPILER_SHARE = 0.1;

  private final LocalStack stack;
  private final DirectJdbcPeer peer;
  private final DataSource database;
  private final LoadGenerator load = new LoadGenerator();
  private final Duration step;
  private final List<String> lines = new ArrayList<>();

  private ThroughputBenchmark(
      LocalStack stack, DirectJdbcPeer peer, DataSource database, Duration step) {
    this.stack = stack;
    this.peer = peer;
    this.database = database;
    this.step = step;
  }

  /**
   * {@code -Dbench.only=bulk}: the baseline and the bulk load alone, for quick comparisons while
   * tuning; {@code all} (the default) runs everything.
   */
  private static boolean bulkOnly(String only) {
    if (!only.equals("all") && !only.equals("bulk")) {
      throw new IllegalArgumentException("-Dbench.only must be all or bulk, not '" + only + "'");
    }
    return only.equals("bulk");
  }

  public static void main(String[] args) throws Exception {
    boolean bulkOnly = bulkOnly(System.getProperty("bench.only", "all"));
    int bulk = Integer.getInteger("bench.bulk", 200_000);
    Duration step = Duration.ofSeconds(Integer.getInteger("bench.seconds", 5));
    int[] clients =
        java.util.Arrays.stream(System.getProperty("bench.clients", "1,8,32,128").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Path dataDir = Files.createTempDirectory("contact-pipeline-throughput");
    long begin = System.nanoTime();
    ThroughputBenchmark benchmark = null;
    try (LocalStack stack = LocalStack.start(BenchStackConfig.in(dataDir))) {
      System.out.printf("stack ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
      DatabaseConfig databaseConfig = DatabaseConfig.from(stack.services());
      try (DirectJdbcPeer peer = DirectJdbcPeer.start(databaseConfig, "demo-token")) {
        benchmark = new ThroughputBenchmark(stack, peer, databaseConfig.dataSource(), step);
        benchmark.runAll(bulk, bulkOnly, clients, dataDir);
      }
    } finally {
      if (benchmark != null) {
        benchmark.stateOnDisk.run();
      }
      BenchFiles.deleteQuietly(dataDir);
    }
  }

  private void runAll(int bulk, boolean bulkOnly, int[] clientCounts, Path dataDir)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    warmUpBulk(run);
    KafkaBaseline kafka = new KafkaBaseline(stack.bootstrapServers());
    kafka.roundTrips(100);
    Latencies hop = kafka.roundTrips(500);
    int commandBytes = BulkLoad.commandBytes();
    int partitions = stack.services().positiveInteger("commands.partitions");
    double rawRate = kafka.produceRate(bulk, partitions, commandBytes);
    progress(
        "raw produce %.0f rec/s (%d B records, %d partitions); hop p50 %.2f ms p99 %.2f ms",
        rawRate, commandBytes, partitions, hop.percentileMillis(50), hop.percentileMillis(99));

    // Kafka's .log files hold exactly what was written (indexes are preallocated, so they are left
    // out).
    long kafkaBytesBefore = BenchFiles.sizeInBytes(dataDir.resolve("kafka"), ".log");
    long heapBeforeBulk = heapAfterGc();
    TransactionProfile transactionsBefore = TransactionProfile.ofResolver();
    BrokerRequests brokerBeforeBulk = BrokerRequests.now();
    MachineProfile machineBeforeBulk = MachineProfile.now();
    BulkLoad.Result bulkResult = new BulkLoad(stack.bootstrapServers(), database).run(run, bulk);
    progress("bulk %s", MachineProfile.now().since(machineBeforeBulk, bulkResult.rowsSeconds()));
    progress(
        "%s",
        BrokerRequests.now().since(brokerBeforeBulk, bulk, bulkResult.rowsSeconds(), "contact"));
    progress(
        "%s",
        TransactionProfile.ofResolver().since(transactionsBefore, bulkResult.resultsSeconds()));
    long kafkaBytesPerContact =
        (BenchFiles.sizeInBytes(dataDir.resolve("kafka"), ".log") - kafkaBytesBefore) / bulk;
    progress(
        "bulk %d: published in %.1f s, results in %.1f s, rows in %.1f s",
        bulk, bulkResult.publishSeconds(), bulkResult.resultsSeconds(), bulkResult.rowsSeconds());
    long heapAfterBulk = heapAfterGc();

    Map<String, LoadGenerator.Result> pipeline = new HashMap<>();
    Map<String, LoadGenerator.Result> direct = new HashMap<>();
    if (bulkOnly) {
      printBulk(
          bulk,
          rawRate,
          commandBytes,
          partitions,
          hop,
          bulkResult,
          kafkaBytesPerContact,
          heapBeforeBulk,
          heapAfterBulk);
      return;
    }
    warmUpHttp(run);
    for (int keys : new int[] {1, 50}) {
      for (int clients : clientCounts) {
        pipeline.put(keys + "/" + clients, measure(stack.httpUrl(), run + "-p", keys, clients));
        direct.put(keys + "/" + clients, measure(peer.url(), run + "-d", keys, clients));
        progress(
            "%d keys, %d clients: pipeline %.0f req/s, peer %.0f req/s",
            keys,
            clients,
            pipeline.get(keys + "/" + clients).requestsPerSecond(),
            direct.get(keys + "/" + clients).requestsPerSecond());
      }
    }
    LoadGenerator.Result thousand =
        load.run(1, step.multipliedBy(2), 200, establish(stack.httpUrl(), run + "-k", 1000, true));
    FireAndForget fireAndForget = fireAndForget(run + "-f", 50, 32);

    long contacts = countRows("SELECT count(*) FROM contacts");
    print(
        bulk,
        rawRate,
        commandBytes,
        partitions,
        hop,
        bulkResult,
        kafkaBytesPerContact,
        heapBeforeBulk,
        heapAfterBulk,
        pipeline,
        direct,
        clientCounts,
        thousand,
        fireAndForget);
    stateOnDisk =
        () ->
            System.out.printf(
                "resolver state on disk after close: %.0f B per contact (%d contacts, %d MB)%n",
                (double) BenchFiles.sizeInBytes(dataDir.resolve("resolver")) / contacts,
                contacts,
                BenchFiles.sizeInBytes(dataDir.resolve("resolver")) >> 20);
  }

  /**
   * Unmeasured bulk loads until the JIT has compiled what a bulk load runs. On a cold stack the C2
   * compiler took two thirds of a core (top -H) all through a bulk load, even after a
   * 50,000-command warm-up: on two cores its one thread works through its queue for minutes, and a
   * load measured then measures the compiler. Rounds of {@code -Dbench.bulk-warmup=N} commands
   * (50,000; 0 turns warming off) run until the compiler was busy for less than a tenth of a round,
   * at most {@link #WARMUP_ROUNDS} rounds; the raw baseline, measured after them, runs on the same
   * warm broker.
   */
  private void warmUpBulk(String run) throws Exception {
    int commands = Integer.getInteger("bench.bulk-warmup", BULK_WARMUP);
    if (commands > 0) {
      untilJitSettles(
          "bulk warm-up of " + commands + " commands",
          round ->
              new BulkLoad(stack.bootstrapServers(), database).run(run + "-w" + round, commands));
    }
  }

  /**
   * Unmeasured HTTP load on both servers until the JIT has compiled their HTTP paths. With 8
   * seconds each, the compiler threads still took half a core (top -H) through the 128-client step,
   * more in the pipeline's (whose JVM also holds the broker and the Streams app) than in the
   * peer's, so the steps measured the compiler. Rounds of {@link #HTTP_WARMUP_ROUND} on each, 1-key
   * and 50-key requests at 32 and 128 clients, until the compiler was busy for less than a tenth of
   * a round, at most {@link #WARMUP_ROUNDS} rounds.
   */
  private void warmUpHttp(String run) throws Exception {
    long[] pipelineKeys = {0};
    untilJitSettles(
        "HTTP warm-up",
        round -> {
          for (String url : List.of(stack.httpUrl(), peer.url())) {
            for (int keys : new int[] {1, 50}) {
              for (int clients : new int[] {32, 128}) {
                String keyPrefix = run + "-jit-" + round + "x" + keys + "x" + clients;
                LoadGenerator.Result warm =
                    load.run(
                        clients, HTTP_WARMUP_ROUND, 200, establish(url, keyPrefix, keys, true));
                if (url.equals(stack.httpUrl())) {
                  pipelineKeys[0] += (long) warm.ok() * keys;
                }
              }
            }
          }
        });
    // The sink materializes the warm-up's contacts after their answers; the steps must not share
    // the machine, or the PostgreSQL both servers use, with that backlog.
    double drainSeconds = rowsArrive(run + "-jit", pipelineKeys[0]);
    progress("HTTP warm-up: %d contacts in PostgreSQL %.1f s later", pipelineKeys[0], drainSeconds);
  }

  /** One unmeasured round of load; {@code round} counts from 1. */
  private interface WarmUpRound {
    void run(int round) throws Exception;
  }

  /**
   * Runs {@code round} until the JIT compiler was busy for less than {@link
   * #SETTLED_COMPILER_SHARE} of a round's wall time, at most {@link #WARMUP_ROUNDS} times.
   */
  private static void untilJitSettles(String what, WarmUpRound round) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int number = 1; number <= WARMUP_ROUNDS; number++) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      round.run(number);
      double wallMs = (System.nanoTime() - start) / 1e6;
      double compilerShare = (jit.getTotalCompilationTime() - compiledBefore) / wallMs;
      progress(
          "%s, round %d: %.1f s, JIT compiling %.0f %% of it",
          what, number, wallMs / 1000, compilerShare * 100);
      if (compilerShare < SETTLED_COMPILER_SHARE) {
        return;
      }
    }
  }

  /**
   * Printed once the stack is closed: RocksDB keeps recent writes in memory until it flushes on
   * close.
   */
  private Runnable stateOnDisk = () -> {};

  private LoadGenerator.Result measure(String baseUrl, String run, int keys, int clients)
      throws Exception {
    load.run(
        clients,
        WARMUP,
        200,
        establish(baseUrl, run + "-warm-" + keys + "-" + clients, keys, true));
    BrokerRequests brokerBefore = BrokerRequests.now();
    TransactionProfile transactionsBefore = TransactionProfile.ofResolver();
    MachineProfile machineBefore = MachineProfile.now();
    LoadGenerator.Result measured =
        load.run(
            clients, step, 200, establish(baseUrl, run + "-" + keys + "-" + clients, keys, true));
    boolean pipeline = baseUrl.equals(stack.httpUrl());
    progress(
        "%s %s",
        pipeline ? "pipeline" : "peer",
        MachineProfile.now().since(machineBefore, measured.seconds()));
    if (pipeline) {
      progress(
          "%s",
          BrokerRequests.now()
              .since(brokerBefore, measured.ok(), measured.seconds(), "answered request"));
      progress("%s", TransactionProfile.ofResolver().since(transactionsBefore, measured.seconds()));
    }
    return measured;
  }

  /**
   * Establish requests for new keys only, so every request does the full work of creating contacts.
   */
  private IntFunction<HttpRequest> establish(
      String baseUrl, String run, int keys, boolean returnResults) {
    return i ->
        load.post(
                baseUrl + "/contacts/v1/establish",
                BEARER,
                IntStream.range(0, keys)
                    .mapToObj(k -> "\"" + run + "-" + i + "-" + k + "\"")
                    .collect(
                        Collectors.joining(
                            ",",
                            "{\"contactKeys\":[",
                            "]" + (returnResults ? "" : ",\"returnResults\":false") + "}")))
            .build();
  }

  private record FireAndForget(LoadGenerator.Result accepted, int keys, double drainSeconds) {}

  /**
   * Fire-and-forget establish: how fast requests are accepted, then how long the backlog takes to
   * be in PostgreSQL.
   */
  private FireAndForget fireAndForget(String run, int keys, int clients) throws Exception {
    LoadGenerator.Result accepted =
        load.run(clients, step, 200, establish(stack.httpUrl(), run, keys, false));
    return new FireAndForget(accepted, keys, rowsArrive(run, (long) accepted.ok() * keys));
  }

  /**
   * Seconds until PostgreSQL holds {@code expected} contacts whose keys start with {@code run}
   * (establish keys are {@code run-request-item}), at most 5 minutes.
   */
  private double rowsArrive(String run, long expected) throws Exception {
    long end = System.nanoTime();
    long deadline = end + Duration.ofMinutes(5).toNanos();
    try (Connection connection = database.getConnection();
        PreparedStatement rows =
            connection.prepareStatement(
                "SELECT count(*) FROM contacts WHERE tenant = 'demo' AND contact_key LIKE ?")) {
      rows.setString(1, run + "-%");
      while (System.nanoTime() < deadline) {
        try (ResultSet result = rows.executeQuery()) {
          result.next();
          if (result.getLong(1) >= expected) {
            break;
          }
        }
        Thread.sleep(20); // polling interval; the loop ends on the row count or the deadline
      }
    }
    return (System.nanoTime() - end) / 1e9;
  }

  private long countRows(String sql) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement count = connection.prepareStatement(sql);
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static long heapAfterGc() {
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }

  private static void progress(String format, Object... args) {
    System.out.printf("  .. " + format + "%n", args);
  }

  private void print(
      int bulk,
      double rawRate,
      int commandBytes,
      int partitions,
      Latencies hop,
      BulkLoad.Result bulkResult,
      long kafkaBytesPerContact,
      long heapBeforeBulk,
      long heapAfterBulk,
      Map<String, LoadGenerator.Result> pipeline,
      Map<String, LoadGenerator.Result> direct,
      int[] clientCounts,
      LoadGenerator.Result thousand,
      FireAndForget fireAndForget) {
    printBulk(
        bulk,
        rawRate,
        commandBytes,
        partitions,
        hop,
        bulkResult,
        kafkaBytesPerContact,
        heapBeforeBulk,
        heapAfterBulk);
    printHttp(rawRate, hop, pipeline, direct, clientCounts, thousand, fireAndForget);
  }

  private static void printBulk(
      int bulk,
      double rawRate,
      int commandBytes,
      int partitions,
      Latencies hop,
      BulkLoad.Result bulkResult,
      long kafkaBytesPerContact,
      long heapBeforeBulk,
      long heapAfterBulk) {
    System.out.printf("%n== baseline (same broker, same run)%n");
    System.out.printf(
        "raw produce, %d B records, acks=all, %d partitions   %10.0f rec/s%n",
        commandBytes, partitions, rawRate);
    System.out.printf(
        "raw hop produce -> read_committed consume        p50 %.2f ms  p99 %.2f ms%n",
        hop.percentileMillis(50), hop.percentileMillis(99));
    System.out.printf(
        "%n== bulk: %d UPSERT commands for new keys straight to contact.commands%n", bulk);
    System.out.printf(
        "results on contact.results   %10.0f /s   ratio to raw produce %.2f   (goal >= 0.5)%n",
        bulkResult.resultsPerSecond(), bulkResult.resultsPerSecond() / rawRate);
    System.out.printf(
        "rows in PostgreSQL           %10.0f /s   ratio to raw produce %.2f   (goal >= 0.5)%n",
        bulkResult.rowsPerSecond(), bulkResult.rowsPerSecond() / rawRate);
    System.out.printf(
        "written to Kafka             %10d B per contact (commands, results, golden records, state "
            + "changelogs, transaction markers)%n",
        kafkaBytesPerContact);
    System.out.printf(
        "stack JVM heap after GC      %10d MB before the bulk load, %d MB after it (broker, clients and "
            + "all services in one JVM; contact state lives in RocksDB, off the heap)%n",
        heapBeforeBulk >> 20, heapAfterBulk >> 20);
  }

  private static void printHttp(
      double rawRate,
      Latencies hop,
      Map<String, LoadGenerator.Result> pipeline,
      Map<String, LoadGenerator.Result> direct,
      int[] clientCounts,
      LoadGenerator.Result thousand,
      FireAndForget fireAndForget) {
    System.out.printf(
        "%n== HTTP establish, returnResults=true, new keys (pipeline vs direct-JDBC peer)%n");
    System.out.printf(
        "%-5s %-8s | %9s %9s %8s %8s %8s %6s | %9s %9s %8s %6s | %7s%n",
        "keys",
        "clients",
        "req/s",
        "keys/s",
        "p50 ms",
        "p99 ms",
        "p99.9",
        "errors",
        "peer r/s",
        "peer k/s",
        "peer p99",
        "errors",
        "ratio");
    for (int keys : new int[] {1, 50}) {
      for (int clients : clientCounts) {
        LoadGenerator.Result p = pipeline.get(keys + "/" + clients);
        LoadGenerator.Result d = direct.get(keys + "/" + clients);
        System.out.printf(
            "%-5d %-8d | %9.0f %9.0f %8.1f %8.1f %8.1f %6d | %9.0f %9.0f %8.1f %6d | %6.2fx%n",
            keys,
            clients,
            p.requestsPerSecond(),
            p.requestsPerSecond() * keys,
            p.okLatencies().percentileMillis(50),
            p.okLatencies().percentileMillis(99),
            p.okLatencies().percentileMillis(99.9),
            p.failed(),
            d.requestsPerSecond(),
            d.requestsPerSecond() * keys,
            d.okLatencies().percentileMillis(99),
            d.failed(),
            p.requestsPerSecond() / d.requestsPerSecond());
        if (p.failed() > 0) {
          System.out.printf("      pipeline failures: %s%n", p.failures());
        }
      }
    }
    LoadGenerator.Result sequential = pipeline.get("1/1");
    LoadGenerator.Result eight = pipeline.get("1/8");
    System.out.printf(
        "%n== latency against the raw hop (goal: establish 1 key p99 <= 4x raw hop p99)%n");
    if (sequential != null) {
      System.out.printf(
          "establish 1 key, sequential    p99 %8.1f ms   %6.1fx raw hop p99%n",
          sequential.okLatencies().percentileMillis(99),
          sequential.okLatencies().percentileMillis(99) / hop.percentileMillis(99));
    }
    if (eight != null) {
      System.out.printf(
          "establish 1 key, 8 clients     p99 %8.1f ms   %6.1fx raw hop p99%n",
          eight.okLatencies().percentileMillis(99),
          eight.okLatencies().percentileMillis(99) / hop.percentileMillis(99));
    }
    LoadGenerator.Result fifty = pipeline.get("50/1");
    System.out.printf(
        "establish 1000 keys, sequential  n=%d  p50 %.1f ms  p99 %.1f ms  %.3f ms per key%s  errors %d%n",
        thousand.ok(),
        thousand.okLatencies().percentileMillis(50),
        thousand.okLatencies().percentileMillis(99),
        thousand.okLatencies().percentileMillis(50) / 1000,
        fifty == null
            ? ""
            : String.format(
                " (50 keys: %.3f ms per key)", fifty.okLatencies().percentileMillis(50) / 50),
        thousand.failed());
    LoadGenerator.Result ff = fireAndForget.accepted();
    System.out.printf(
        "fire-and-forget, %d keys, %d clients: %.0f keys/s accepted (%.2fx raw produce), errors %d, "
            + "backlog in PostgreSQL %.1f s after the last request%n",
        fireAndForget.keys(),
        ff.clients(),
        ff.requestsPerSecond() * fireAndForget.keys(),
        ff.requestsPerSecond() * fireAndForget.keys() / rawRate,
        ff.failed(),
        fireAndForget.drainSeconds());
  }
}
