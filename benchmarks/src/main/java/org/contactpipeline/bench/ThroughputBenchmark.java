package org.contactpipeline.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.contactpipeline.bench.ThroughputResults.Bulk;
import org.contactpipeline.bench.ThroughputResults.RawKafka;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.sink.SinkConfig;
import org.contactpipeline.stack.LocalStack;

/**
 * Throughput of the pipeline at volume, against references measured in the same run on the same
 * stack: raw Kafka (produce rate and one produce → read_committed hop, for information), the Kafka
 * Streams floor on the bulk load's commands ({@link StreamsFloor}) and a direct-JDBC peer serving
 * establish without Kafka ({@link DirectJdbcPeer}). This class starts the stack and runs what a
 * {@link ThroughputPlan} asks for, in order: the references and the bulk load here, the HTTP steps
 * in {@link EstablishLoad}, into {@link ThroughputResults}; {@link ThroughputReport} prints every
 * figure and its ratio; only the ratios travel between machines.
 *
 * <p>Then the bulk paths ({@link BulkPaths}): a generated file of contacts straight to {@code
 * contact.commands}, through the import tool and through Cendyn {@code create_bulk}, and PostgreSQL
 * {@code COPY} of the same rows.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests exec:java@throughput}; options
 * {@code -Dbench.bulk=N} (commands in the bulk load, 200000), {@code -Dbench.seconds=S} (per HTTP
 * load step, 5), {@code -Dbench.clients=1,8,32,128}, {@code -Dbench.bulk-warmup=N} (commands per
 * unmeasured warm-up round, 50000), {@code -Dbench.bulk-paths=N} (contacts in the bulk paths' file,
 * 1000000), {@code -Dbench.only=bulk} (references and bulk load only), {@code
 * -Dbench.only=bulk-paths} (bulk paths only) or {@code -Dbench.only=sinks} (the sink's write rate
 * and its Debezium peer's only, on {@code bench.bulk} records).
 */
public final class ThroughputBenchmark {

  private static final int SINK_WARM_UP = 20_000;

  private final ThroughputPlan plan;
  private final LocalStack stack;
  private final DirectJdbcPeer peer;
  private final DataSource database;
  private final Path dataDir;

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
    this.dataDir = dataDir;
  }

  public static void main(String[] args) throws Exception {
    ThroughputPlan plan = ThroughputPlan.fromSystemProperties();
    ThroughputReport report = new ThroughputReport(System.out);
    Path dataDir = Files.createTempDirectory("contact-pipeline-throughput");
    long begin = System.nanoTime();
    ThroughputResults results = null;
    long contactsAtEnd = 0;
    try (LocalStack stack = LocalStack.start(BenchStackConfig.in(dataDir))) {
      System.out.printf("stack ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
      DatabaseConfig databaseConfig = DatabaseConfig.from(stack.services());
      try (DirectJdbcPeer peer = DirectJdbcPeer.start(databaseConfig, "demo-token");
          HikariDataSource database = pooled(databaseConfig)) {
        ThroughputBenchmark benchmark =
            new ThroughputBenchmark(plan, stack, peer, database, dataDir);
        if (plan.sinksOnly()) {
          report.printSinkWriteRates(benchmark.measureSinkWriteRates(plan.bulk()));
          return;
        }
        benchmark.warmUpBulk();
        if (plan.runsLoadSteps()) {
          results = benchmark.run();
          report.print(results);
        }
        if (plan.runsBulkPaths()) {
          report.printBulkPaths(benchmark.measureBulkPaths());
        }
        // Every contact the resolver holds, the bulk paths' included.
        contactsAtEnd = new ContactRows(database).count();
      }
    } finally {
      // Once the stack is closed: RocksDB keeps recent writes in memory until it flushes on close.
      if (results != null && results.http().isPresent() && contactsAtEnd > 0) {
        report.printResolverStateOnDisk(
            contactsAtEnd, BenchFiles.sizeInBytes(dataDir.resolve("resolver")));
      }
      BenchFiles.deleteQuietly(dataDir);
    }
  }

  /**
   * The benchmark's own connections, pooled: the database's upsert limit is measured on a pooled
   * connection, as the sink writes (a connection per batch cost a connection's start and the
   * staging table's creation every batch).
   */
  private static HikariDataSource pooled(DatabaseConfig databaseConfig) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("benchmark");
    config.setDataSource(databaseConfig.dataSource());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private ThroughputResults run() throws Exception {
    RawKafka rawKafka = measureRawKafka();
    Bulk bulk = measureBulk();
    if (plan.bulkOnly()) {
      return new ThroughputResults(rawKafka, bulk, Optional.empty());
    }
    EstablishLoad http =
        new EstablishLoad(plan, stack.httpUrl(), peer.url(), new ContactRows(database), runId);
    return new ThroughputResults(rawKafka, bulk, Optional.of(http.measure()));
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

  private BulkPaths.Result measureBulkPaths() throws Exception {
    return new BulkPaths(stack.bootstrapServers(), stack.httpUrl(), database, dataDir, runId)
        .measure(plan.bulkPaths());
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
    KafkaRecordsWritten recordsBeforeBulk = KafkaRecordsWritten.now();
    MachineProfile machineBeforeBulk = MachineProfile.now();
    CpuByThread cpuBeforeBulk = CpuByThread.now();
    BulkLoad.Result bulkResult = new BulkLoad(stack.bootstrapServers(), database).run(runId, bulk);
    KafkaRecordsWritten.PerContact kafkaRecordsPerContact =
        KafkaRecordsWritten.now().since(recordsBeforeBulk, bulk);
    Progress.line(
        "bulk %s", MachineProfile.now().since(machineBeforeBulk, bulkResult.rowsSeconds()));
    Progress.line("bulk %s", CpuByThread.now().since(cpuBeforeBulk, bulkResult.rowsSeconds(), 14));
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
    StreamsFloor.Result floor = measureStreamsFloor(bulk);
    DatabaseLimits.Result databaseLimits =
        new DatabaseLimits(database)
            .measure(
                runId,
                () -> ContactFile.goldenRecords(runId, bulk, "db-limits"),
                stack.services().positiveInteger("materializer.batch-size"));
    SinkWriteRates.Result sinkWriteRates = measureSinkWriteRates(bulk);
    return new Bulk(
        bulkResult,
        floor,
        databaseLimits,
        sinkWriteRates,
        kafkaRecordsPerContact,
        kafkaBytesPerContact,
        heapBeforeBulk,
        heapAfterBulk);
  }

  /**
   * The Kafka Streams floor on as many commands as the bulk load, after unmeasured rounds of the
   * bulk warm-up's size until the JIT settles, as the pipeline had before its bulk load: the JIT
   * compiled the resolver's Streams, RocksDB and client code in the bulk warm-up, and the floor's
   * own code here (with a single round, the compiler took 0.38 of a core through the floor's
   * measurement).
   */
  private StreamsFloor.Result measureStreamsFloor(int commands) throws Exception {
    StreamsFloor floor =
        new StreamsFloor(
            stack.bootstrapServers(),
            ResolverConfig.from(stack.services()).streams(),
            stack.services().positiveInteger("commands.partitions"),
            dataDir.resolve("floor"));
    int warmUp = plan.bulkWarmup();
    if (warmUp > 0) {
      JitWarmUp.untilSettled(
          "floor warm-up of " + warmUp + " commands",
          round -> floor.run(runId + "-warm" + round, warmUp, false));
    }
    StreamsFloor.Result result = floor.run(runId, commands, true);
    Progress.line(
        "Kafka Streams floor %d: results in %.1f s (%.0f /s)",
        commands, result.resultsSeconds(), result.resultsPerSecond());
    return result;
  }

  /**
   * The sink's write rate and its Debezium peer's, alone, on {@code contacts} golden records of the
   * bulk load's shape after {@link #SINK_WARM_UP} each.
   */
  private SinkWriteRates.Result measureSinkWriteRates(int contacts) throws Exception {
    return new SinkWriteRates(
            stack.bootstrapServers(),
            SinkConfig.from(stack.services()),
            DatabaseConfig.from(stack.services()),
            database,
            dataDir)
        .measure(runId, SINK_WARM_UP, contacts);
  }

  private static long heapAfterGc() {
    return BulkPaths.heapAfterGc();
  }
}
