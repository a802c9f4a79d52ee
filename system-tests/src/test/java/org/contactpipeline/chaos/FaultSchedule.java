package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.contactpipeline.testing.Poll;

/**
 * The faults of a chaos run: a resolver every 20 s (alternating), the sink every 40 s, ingest every
 * 60 s, a broker every 60 s, each SIGKILLed and brought back as a supervisor would. Each target has
 * a thread of its own, so a part that is slow to come back delays only its own next kill, never the
 * others'; the brokers are one target, so only one is down at a time. A kill whose time comes after
 * the load has ended is skipped, so that the drain is measured after the last fault and not through
 * one. Every fault is recorded with its window, for the checks to attribute answers to.
 */
final class FaultSchedule {

  static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
  static final Duration BROKER_DOWNTIME = Duration.ofSeconds(12);

  /**
   * One planned kill: {@code second} after the load began, of {@code kind}; {@code instance} is the
   * resolver's index or the broker's node, 0 for the sink and ingest.
   */
  record Kill(int second, String kind, int instance) {

    /** The thread that makes this kill: one per resolver, the sink, ingest, and the brokers. */
    String lane() {
      return kind.equals(Fault.RESOLVER) ? kind + "-" + instance : kind;
    }
  }

  private final KafkaCluster cluster;
  private final List<ServiceJvm> resolvers;
  private final ServiceJvm sink;
  private final ServiceJvm ingest;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Thread> runners = new ArrayList<>();

  FaultSchedule(
      KafkaCluster cluster, List<ServiceJvm> resolvers, ServiceJvm sink, ServiceJvm ingest) {
    this.cluster = cluster;
    this.resolvers = List.copyOf(resolvers);
    this.sink = sink;
    this.ingest = ingest;
  }

  /**
   * The kills of a load of {@code loadSeconds}, by lane, each lane in time order. None is planned
   * in the last 12 s: the part would come back after the load, and the drain be measured through
   * its recovery. Broker node 0 is never killed, only the others in turn.
   */
  static Map<String, List<Kill>> plan(int loadSeconds, int resolverCount, int brokerNodes) {
    int last = loadSeconds - 12;
    List<Kill> kills = new ArrayList<>();
    int resolverKills = 0;
    for (int t = 10; t <= last; t += 20) {
      kills.add(new Kill(t, Fault.RESOLVER, resolverKills++ % resolverCount));
    }
    for (int t = 22; t <= last; t += 40) {
      kills.add(new Kill(t, Fault.SINK, 0));
    }
    for (int t = 45; t <= last; t += 60) {
      kills.add(new Kill(t, Fault.INGEST, 0));
    }
    int brokerKills = 0;
    for (int t = 65; t <= last; t += 60) {
      kills.add(new Kill(t, Fault.BROKER, 1 + brokerKills++ % (brokerNodes - 1)));
    }
    Map<String, List<Kill>> lanes = new LinkedHashMap<>();
    for (Kill kill : kills) {
      lanes.computeIfAbsent(kill.lane(), lane -> new ArrayList<>()).add(kill);
    }
    return lanes;
  }

  /**
   * Makes one lane's kills in turn: waits for each one's time, and makes it only while the load
   * runs. {@code perform} returns when the part is back (or its deadline passed), so a slow
   * recovery pushes the lane's next kill later, up to skipping it.
   */
  static void runLane(
      List<Kill> lane,
      long loadStart,
      int loadSeconds,
      LongSupplier clock,
      Consumer<Kill> perform) {
    long loadEnd = loadStart + Duration.ofSeconds(loadSeconds).toNanos();
    for (Kill kill : lane) {
      long at = loadStart + Duration.ofSeconds(kill.second()).toNanos();
      Poll.holdsWithin(Duration.ofSeconds(loadSeconds), () -> clock.getAsLong() >= at);
      if (clock.getAsLong() < loadEnd) {
        perform.accept(kill);
      }
    }
  }

  /** Starts one thread per lane, timed from {@code loadStart} (nanoTime). */
  void start(long loadStart, int loadSeconds) {
    plan(loadSeconds, resolvers.size(), KafkaCluster.NODES)
        .forEach(
            (lane, kills) -> {
              Thread runner =
                  new Thread(
                      () -> runLane(kills, loadStart, loadSeconds, System::nanoTime, this::make),
                      "faults-" + lane);
              runner.start();
              runners.add(runner);
            });
  }

  /** Waits for every lane to finish its last kill and recovery. */
  void awaitFinished() throws InterruptedException {
    for (Thread runner : runners) {
      runner.join(RECOVERY_DEADLINE.toMillis() + BROKER_DOWNTIME.toMillis());
    }
  }

  List<Fault> faults() {
    return List.copyOf(faults);
  }

  /**
   * Ingest is back when it serves: /health/live. Its /health/ready also wants the resolver and sink
   * groups stable, which the other faults keep disturbing, and would stretch its window over
   * requests it answered.
   */
  private void make(Kill kill) {
    switch (kill.kind()) {
      case Fault.RESOLVER ->
          killAndRestart(Fault.RESOLVER, resolvers.get(kill.instance()), ServiceJvm::isReady);
      case Fault.SINK -> killAndRestart(Fault.SINK, sink, ServiceJvm::isReady);
      case Fault.INGEST -> killAndRestart(Fault.INGEST, ingest, ServiceJvm::isLive);
      case Fault.BROKER -> killAndRestartBroker(kill.instance());
      default -> throw new IllegalArgumentException("no such fault: " + kill);
    }
  }

  /**
   * SIGKILL, then start again at once as a supervisor would; recovered when {@code recovered}
   * holds.
   */
  private void killAndRestart(String kind, ServiceJvm service, Predicate<ServiceJvm> recovered) {
    long killed = System.nanoTime();
    service.kill();
    service.start();
    boolean ready = Poll.holdsWithin(RECOVERY_DEADLINE, () -> recovered.test(service));
    faults.add(new Fault(kind, service.name(), killed, ready ? System.nanoTime() : -1));
  }

  /**
   * SIGKILL a broker, leave it down for a while, start it; recovered when all three nodes serve
   * again.
   */
  private void killAndRestartBroker(int node) {
    ChildJvm broker = cluster.node(node);
    long killed = System.nanoTime();
    broker.kill();
    Poll.pause(BROKER_DOWNTIME);
    broker.start();
    long recovered = -1;
    try {
      cluster.awaitNodes(KafkaCluster.NODES, RECOVERY_DEADLINE);
      recovered = System.nanoTime();
    } catch (IllegalStateException e) {
      // recorded as not recovered
    }
    faults.add(new Fault(Fault.BROKER, broker.name(), killed, recovered));
  }
}
