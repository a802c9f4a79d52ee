package org.contactpipeline.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one) running inside this JVM, so the local
 * stack and the integration tests need neither Docker nor a Kafka download. Its log lives under the
 * given data directory and is formatted only the first time, so a restart on the same directory
 * keeps the cluster id, the topics and every committed record.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = KraftNodeConfig.CONTROLLER_LISTENER;
  private static final String HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker and returns once it is serving clients.
   *
   * @param dataDir directory owned by the broker; created if missing, reused if formatted before
   * @param port client port, or 0 for a free one. The controller port is always picked free:
   *     nothing outside this JVM talks to it.
   */
  public static LocalKafka start(Path dataDir, int port) {
    int brokerPort = FreePort.orPick(port);
    int controllerPort = FreePort.pick();
    String logDir = createLogDir(dataDir).toString();
    long started = System.nanoTime();
    formatIfEmpty(logDir);
    KafkaRaftServer server =
        new KafkaRaftServer(
            new KafkaConfig(brokerConfig(logDir, brokerPort, controllerPort), false), Time.SYSTEM);
    try {
      // Blocks until the broker is RUNNING, i.e. registered and caught up on metadata.
      server.startup();
    } catch (RuntimeException e) {
      // Release the ports and the log directory lock so that a retry in this JVM can start.
      server.shutdown();
      server.awaitShutdown();
      throw e;
    }
    String bootstrap = HOST + ":" + brokerPort;
    LOG.info(
        "Kafka broker at {} (data {}) started in {} ms",
        bootstrap,
        logDir,
        (System.nanoTime() - started) / 1_000_000);
    return new LocalKafka(server, bootstrap);
  }

  /** The {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker cleanly, so the next start needs no log recovery. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker at {} stopped", bootstrapServers);
  }

  private static Path createLogDir(Path dataDir) {
    // A subdirectory, because Kafka treats every directory in its log dir as a partition and
    // refuses to start on anything else it finds there.
    Path logDir = dataDir.toAbsolutePath().resolve("kraft-combined-logs");
    try {
      return Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka log directory " + logDir, e);
    }
  }

  /** Formats a fresh directory with a new cluster id; a formatted one is left as it is. */
  private static void formatIfEmpty(String logDir) {
    try {
      MetaPropertiesEnsemble ensemble =
          new MetaPropertiesEnsemble.Loader().addLogDirs(List.of(logDir)).load();
      if (!ensemble.emptyLogDirs().contains(logDir)) {
        return;
      }
      new Formatter()
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .addDirectory(logDir)
          .setMetadataLogDirectory(logDir)
          .setPrintStream(discarding())
          .run();
      LOG.info("Formatted new Kafka log directory {}", logDir);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
    }
  }

  private static Map<String, Object> brokerConfig(
      String logDir, int brokerPort, int controllerPort) {
    Map<String, Object> config =
        new TreeMap<>(
            KraftNodeConfig.combinedNode(
                NODE_ID,
                NODE_ID + "@" + HOST + ":" + controllerPort,
                HOST,
                brokerPort,
                controllerPort,
                logDir));
    // One broker: every internal topic must fit on it, or transactions and groups never start.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    // Nobody else is coming to join: the default 3 s wait only delays every first rebalance.
    config.put("group.initial.rebalance.delay.ms", "0");
    return config;
  }

  /** The Formatter reports to a PrintStream; its lines would only duplicate our log. */
  private static PrintStream discarding() {
    return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }
}
