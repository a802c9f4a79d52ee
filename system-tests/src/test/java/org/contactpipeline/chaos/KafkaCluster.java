package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.contactpipeline.stack.FreePort;
import org.contactpipeline.stack.KraftNodeConfig;
import org.contactpipeline.testing.Poll;

/**
 * A real three-node KRaft cluster, each node broker and controller in its own JVM started from the
 * Maven Central jars on this module's test classpath ({@code kafka.Kafka}, the class
 * kafka-server-start.sh runs). Replication 3 and {@code min.insync.replicas} 2 everywhere, internal
 * topics included, so one node may die without any write failing.
 *
 * <p>Every node is reached through {@link BrokerNetwork}'s proxies: each listens on its real ports,
 * but advertises, and the controller quorum names, a proxy's port in front of each; clients,
 * replica fetchers and the quorum all connect through the proxies, so {@link #cut} can partition a
 * node off while everything stays on 127.0.0.1. One listener carries clients and inter-broker
 * traffic alike: the proxies tell a broker's connection from a client's by its owning process, so a
 * separate inter-broker listener would add a port and say nothing more.
 */
final class KafkaCluster implements AutoCloseable {

  static final int NODES = 3;

  /** {@code replica.lag.time.max.ms} of every node. */
  static final Duration REPLICA_LAG_TIME = Duration.ofSeconds(10);

  private static final String HOST = "127.0.0.1";

  private final List<ChildJvm> nodes = new ArrayList<>();
  private final List<Integer> advertisedBrokerPorts = new ArrayList<>();
  private final BrokerNetwork network;

  /**
   * The chaos test's cluster: small heaps, C1 only (it shares two cores with eight JVMs), behind
   * proxies that can {@link #cut} a node off.
   */
  KafkaCluster(Path dir) throws IOException {
    this(dir, ChildJvm.Tuning.sharedCores("384m"), true);
  }

  /**
   * @param proxied whether the nodes are reached through {@link BrokerNetwork}'s proxies, so that
   *     {@link #cut} works; a throughput measurement wants them direct, without a copy of every
   *     byte in the test JVM
   */
  KafkaCluster(Path dir, ChildJvm.Tuning tuning, boolean proxied) throws IOException {
    List<LongSupplier> pids = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      int node = i;
      pids.add(() -> nodes.get(node).pid());
    }
    network =
        new BrokerNetwork(
            accepted -> SocketOwners.ownerOf(accepted.getPort(), accepted.getLocalPort(), pids));
    List<Integer> brokerPorts = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    List<Integer> advertisedControllerPorts = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      brokerPorts.add(FreePort.pick());
      controllerPorts.add(FreePort.pick());
      advertisedBrokerPorts.add(
          proxied
              ? network.proxy(i, "broker", FreePort.pick(), brokerPorts.get(i)).port()
              : brokerPorts.get(i));
      advertisedControllerPorts.add(
          proxied
              ? network.proxy(i, "controller", FreePort.pick(), controllerPorts.get(i)).port()
              : controllerPorts.get(i));
    }
    String voters =
        java.util.stream.IntStream.range(0, NODES)
            .mapToObj(i -> (i + 1) + "@" + HOST + ":" + advertisedControllerPorts.get(i))
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < NODES; i++) {
      int nodeId = i + 1;
      Path nodeDir = Files.createDirectories(dir.resolve("kafka-" + nodeId));
      String logDir = Files.createDirectories(nodeDir.resolve("data")).toString();
      Path config = nodeDir.resolve("server.properties");
      Map<String, String> properties =
          serverProperties(
              nodeId,
              logDir,
              new Ports(
                  brokerPorts.get(i),
                  controllerPorts.get(i),
                  advertisedBrokerPorts.get(i),
                  advertisedControllerPorts.get(i)),
              voters);
      write(config, properties);
      format(nodeId, clusterId, logDir);
      nodes.add(
          new ChildJvm(
              "kafka-" + nodeId,
              System.getProperty("java.class.path"),
              tuning,
              "kafka.Kafka",
              List.of(config.toString()),
              Map.of(),
              nodeDir.resolve("kafka.log")));
    }
  }

  /**
   * A node's listening ports and the ports it advertises: its proxies', or its own when unproxied.
   */
  private record Ports(
      int broker, int controller, int advertisedBroker, int advertisedController) {}

  void start() {
    nodes.forEach(ChildJvm::start);
  }

  String bootstrapServers() {
    return advertisedBrokerPorts.stream()
        .map(port -> HOST + ":" + port)
        .collect(Collectors.joining(","));
  }

  /**
   * Cuts node {@code index} off from the other nodes and from every client: its connections are
   * closed and new ones refused until {@link #heal}.
   */
  void cut(int index) {
    if (network.isEmpty()) {
      throw new IllegalStateException("an unproxied cluster cannot be partitioned");
    }
    network.cut(index);
  }

  void heal(int index) {
    network.heal(index);
  }

  ChildJvm node(int index) {
    return nodes.get(index);
  }

  List<ChildJvm> nodes() {
    return List.copyOf(nodes);
  }

  /** Waits until every node is registered and serving. */
  void awaitNodes(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
            return;
          }
        } catch (Exception e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("fewer than " + count + " Kafka nodes within " + timeout);
        }
        Poll.pause(Duration.ofMillis(200));
      }
    }
  }

  /**
   * Waits until every voter of the metadata quorum has caught up with its leader at or after {@code
   * sinceMillis} (wall clock, as the leader stamps it). A node that was paused or cut off serves
   * again at once with the metadata it had, in which every replica was in sync; until it has caught
   * up, an ISR read from it ({@link #awaitReplicasInSync}) would call the cluster recovered too
   * early. A leader that was itself cut off answers with its stale view, which this refuses too.
   */
  void awaitMetadataCaughtUpSince(long sinceMillis, Duration timeout) {
    try (Admin admin = admin()) {
      boolean caughtUp =
          Poll.holdsWithin(
              timeout,
              () -> {
                try {
                  List<QuorumInfo.ReplicaState> voters =
                      admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).voters();
                  return voters.size() == NODES
                      && voters.stream()
                          .allMatch(v -> v.lastCaughtUpTimestamp().orElse(0) >= sinceMillis);
                } catch (Exception e) {
                  return false; // no leader yet, or a node not serving: asked again
                }
              });
      if (!caughtUp) {
        throw new IllegalStateException("metadata quorum not caught up within " + timeout);
      }
    }
  }

  /**
   * Waits until every partition of every topic, internal ones included, has all its replicas in its
   * ISR: a broker that was down or paused has caught up with all it leads or follows.
   */
  void awaitReplicasInSync(Duration timeout) {
    try (Admin admin = admin()) {
      boolean inSync =
          Poll.holdsWithin(
              timeout,
              () -> {
                try {
                  Collection<String> topics =
                      admin
                          .listTopics(new ListTopicsOptions().listInternal(true))
                          .names()
                          .get(5, TimeUnit.SECONDS);
                  return admin
                      .describeTopics(topics)
                      .allTopicNames()
                      .get(5, TimeUnit.SECONDS)
                      .values()
                      .stream()
                      .flatMap(topic -> topic.partitions().stream())
                      .allMatch(p -> p.isr().size() == p.replicas().size());
                } catch (Exception e) {
                  return false; // a node is not serving yet: asked again
                }
              });
      if (!inSync) {
        throw new IllegalStateException("replicas not all in sync within " + timeout);
      }
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            "bootstrap.servers",
            bootstrapServers(),
            "request.timeout.ms",
            "3000",
            "default.api.timeout.ms",
            "5000"));
  }

  private static Map<String, String> serverProperties(
      int nodeId, String logDir, Ports ports, String voters) {
    Map<String, String> config =
        new TreeMap<>(
            KraftNodeConfig.combinedNode(
                nodeId, voters, HOST, ports.broker(), ports.controller(), logDir));
    // Others reach this node only through its proxies: clients and replica fetchers by the
    // advertised broker listener, the quorum by the voters above and the advertised controller
    // listener (which the leader hands to followers and brokers in its responses).
    config.put(
        "advertised.listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + ports.advertisedBroker()
            + ","
            + KraftNodeConfig.CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + ports.advertisedController());
    config.put("auto.create.topics.enable", "false");
    config.put("default.replication.factor", "3");
    config.put("min.insync.replicas", "2");
    config.put("offsets.topic.replication.factor", "3");
    config.put("offsets.topic.num.partitions", "6");
    config.put("transaction.state.log.replication.factor", "3");
    config.put("transaction.state.log.min.isr", "2");
    config.put("transaction.state.log.num.partitions", "6");
    config.put("share.coordinator.state.topic.replication.factor", "3");
    config.put("share.coordinator.state.topic.min.isr", "2");
    config.put("unclean.leader.election.enable", "false");
    config.put("group.initial.rebalance.delay.ms", "0");
    // A SIGKILLed node is fenced after this long without heartbeats and its leaderships move;
    // the 9 s default would be most of a fault window.
    config.put("broker.session.timeout.ms", "4000");
    config.put("broker.heartbeat.interval.ms", "1000");
    // A follower that has not caught up for this long leaves the ISR; a paused broker outlasts it
    // (FaultSchedule.PAUSES), where Kafka's 30 s default would outlast the fault window.
    config.put("replica.lag.time.max.ms", Long.toString(REPLICA_LAG_TIME.toMillis()));
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "2");
    config.put("num.recovery.threads.per.data.dir", "1");
    config.put("log.cleaner.threads", "1");
    return config;
  }

  private static void write(Path file, Map<String, String> values) throws IOException {
    Properties properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "chaos-test KRaft node");
    }
  }

  private static void format(int nodeId, String clusterId, String logDir) {
    try {
      new Formatter()
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setControllerListenerName(KraftNodeConfig.CONTROLLER_LISTENER)
          .addDirectory(logDir)
          .setMetadataLogDirectory(logDir)
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format " + logDir, e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(ChildJvm::kill);
    network.close();
  }
}
