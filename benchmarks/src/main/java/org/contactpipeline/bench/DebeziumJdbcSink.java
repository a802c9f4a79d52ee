package org.contactpipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.stack.FreePort;

/**
 * The sink's peer: a Kafka Connect worker in standalone mode, in a JVM of its own, running
 * Debezium's JDBC sink connector on one topic of {@link ConnectJsonRecords} into one table — what a
 * user would deploy instead of {@code sink-service} to upsert golden records into PostgreSQL. The
 * worker runs on the classpath the {@code benchmark-debezium-peer} module writes ({@code
 * benchmarks/debezium-peer/target/runtime-classpath.txt}), with the heap Kafka's {@code
 * connect-standalone.sh} gives it.
 *
 * <p>Configured as the sink runs: one task (the sink has one materializer thread), batches of the
 * sink's batch size, upserts keyed by the table's primary key, no schema changes. The connector
 * overwrites a row unconditionally where the sink only moves a row forward, and it is given rows
 * ready-made; both favour the peer.
 */
final class DebeziumJdbcSink implements SinkWriteRates.RunningSink {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process worker;
  private final Path log;

  private DebeziumJdbcSink(Process worker, Path log) {
    this.worker = worker;
    this.log = log;
  }

  /**
   * Starts the worker with the connector on {@code topic}; the connector writes into {@code table}
   * (which must exist) of {@code database}.
   *
   * @param dir where the worker's configuration, offsets and log go
   */
  static DebeziumJdbcSink start(
      Path dir,
      String bootstrapServers,
      DatabaseConfig database,
      String topic,
      String table,
      int batchSize)
      throws IOException {
    Files.createDirectories(dir);
    Path workerProperties = dir.resolve("worker.properties");
    Path connectorProperties = dir.resolve("connector.properties");
    store(workerProperties, workerConfig(dir, bootstrapServers, batchSize));
    store(connectorProperties, connectorConfig(database, topic, table, batchSize));
    Path log = dir.resolve("worker.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms256m",
            "-Xmx2g",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            workerClasspath(),
            "org.apache.kafka.connect.cli.ConnectStandalone",
            workerProperties.toString(),
            connectorProperties.toString()));
    Process worker =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new DebeziumJdbcSink(worker, log);
  }

  /** Fails with the worker's log when it has stopped on its own. */
  @Override
  public void checkRunning() {
    if (!worker.isAlive()) {
      throw new IllegalStateException(
          "the Kafka Connect worker exited with "
              + worker.exitValue()
              + "; the end of its log ("
              + log
              + "):\n"
              + logTail());
    }
  }

  /** CPU time the worker's JVM has used so far. */
  @Override
  public double processCpuSeconds() {
    return worker.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(0.0);
  }

  /** The last 40 lines of the worker's log. */
  @Override
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static Properties workerConfig(Path dir, String bootstrapServers, int batchSize) {
    Properties worker = new Properties();
    worker.setProperty("bootstrap.servers", bootstrapServers);
    worker.setProperty("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.setProperty("key.converter.schemas.enable", "true");
    worker.setProperty("value.converter.schemas.enable", "true");
    worker.setProperty("offset.storage.file.filename", dir.resolve("offsets").toString());
    worker.setProperty("offset.flush.interval.ms", "1000");
    worker.setProperty("listeners", "http://127.0.0.1:" + FreePort.pick());
    // The sink reads committed records only, at most a batch per poll.
    worker.setProperty("consumer.isolation.level", "read_committed");
    worker.setProperty("consumer.max.poll.records", Integer.toString(batchSize));
    return worker;
  }

  private static Properties connectorConfig(
      DatabaseConfig database, String topic, String table, int batchSize) {
    Properties connector = new Properties();
    connector.setProperty("name", "debezium-jdbc-peer");
    connector.setProperty("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    connector.setProperty("tasks.max", "1");
    connector.setProperty("topics", topic);
    connector.setProperty("connection.url", database.url());
    connector.setProperty("connection.username", database.user());
    connector.setProperty("connection.password", database.password());
    connector.setProperty("insert.mode", "upsert");
    connector.setProperty("primary.key.mode", "record_key");
    connector.setProperty("delete.enabled", "false");
    connector.setProperty("schema.evolution", "none");
    connector.setProperty("collection.name.format", table);
    connector.setProperty("batch.size", Integer.toString(batchSize));
    return connector;
  }

  private static void store(Path file, Properties properties) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "written by the throughput benchmark");
    }
  }

  /**
   * The worker's classpath, as {@code -Dbench.debezium-classpath} names it or else as the module
   * wrote it under the directory Maven runs in (the project's root or {@code benchmarks}).
   */
  private static String workerClasspath() throws IOException {
    String configured = System.getProperty("bench.debezium-classpath", "");
    List<Path> candidates =
        configured.isEmpty()
            ? List.of(
                Path.of("benchmarks", "debezium-peer", "target", "runtime-classpath.txt"),
                Path.of("debezium-peer", "target", "runtime-classpath.txt"))
            : List.of(Path.of(configured));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return Files.readString(candidate, StandardCharsets.UTF_8).strip();
      }
    }
    throw new IllegalStateException(
        "no classpath for the Kafka Connect worker at "
            + candidates
            + ": build the benchmark-debezium-peer module (the benchmark's command, with -am, does)");
  }

  /** Stops the worker: a clean stop first, as a user's supervisor would, then a kill. */
  @Override
  public void close() throws InterruptedException {
    worker.destroy();
    if (!worker.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      worker.destroyForcibly();
      worker.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
