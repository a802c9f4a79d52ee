package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.contactpipeline.testing.MaterializerProgress;
import org.contactpipeline.testing.Poll;

/**
 * The faults of a chaos run: a resolver every 20 s (alternating), the sink every 40 s, ingest every
 * 40 s, a broker every 25 s, each either SIGKILLed and brought back as a supervisor would, or
 * SIGSTOPped for longer than what watches it tolerates (a resolver's session, a broker's replica
 * lag time) and then SIGCONTed: a zombie that still holds its producer, its state and its sockets;
 * a broker may also be partitioned off the network ({@link KafkaCluster#cut}) for as long, running
 * all along, and then healed. Kills, pauses and partitions take turns on every target, so even the
 * short run makes each kind of each. And every 40 s PostgreSQL either crashes (every server process
 * SIGKILLed) and comes back after {@link #DATABASE_DOWNTIME}, its unflushed state replayed from its
 * log, or refuses writes for {@link #DATABASE_READ_ONLY} while it answers reads, in turn. Each
 * target has a thread of its own, so a part that is slow to come back delays only its own next
 * fault, never the others'; the brokers are one target, so only one is down at a time. A fault
 * whose time comes after the load has ended is skipped, so that the drain is measured after the
 * last fault and not through one. Every fault is recorded with its window, for the checks to
 * attribute answers to.
 */
final class FaultSchedule {

  static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);
  static final Duration BROKER_DOWNTIME = Duration.ofSeconds(12);

  /**
   * How long a partitioned broker stays cut off: past its session (4 s) and the replica lag time
   * (10 s), as a paused one, so the controller fences it and the leaders drop it from their ISRs
   * while it, unlike a paused one, keeps running and trying to reach them.
   */
  static final Duration PARTITION_TIME = Duration.ofSeconds(12);

  /** How long PostgreSQL stays down after its crash: the sink retries all along. */
  static final Duration DATABASE_DOWNTIME = Duration.ofSeconds(8);

  /** How long PostgreSQL refuses writes: several of the sink's retries, and its batches pile up. */
  static final Duration DATABASE_READ_ONLY = Duration.ofSeconds(8);

  /**
   * How long each part stays stopped: a resolver beyond its session (the default 10 s, which the
   * chaos test keeps), so the group moves its tasks; a broker beyond its session (4 s) and the
   * replica lag time ({@link KafkaCluster}: 10 s), so it is fenced and dropped from the ISRs while
   * it still believes it leads; the sink mid-batch and ingest with requests in flight, for as long
   * as a bad GC pause.
   */
  static final Map<String, Duration> PAUSES =
      Map.of(
          Fault.RESOLVER, Duration.ofSeconds(12),
          Fault.BROKER, Duration.ofSeconds(12),
          Fault.SINK, Duration.ofSeconds(8),
          Fault.INGEST, Duration.ofSeconds(5));

  /**
   * One planned fault: {@code second} after the load began, of {@code kind}, {@code how} ({@link
   * Fault#KILL}, {@link Fault#PAUSE} or, for a broker, {@link Fault#PARTITION}); {@code instance}
   * is the resolver's index or the broker's node, 0 for the sink and ingest.
   */
  record Planned(int second, String kind, int instance, String how) {

    static Planned kill(int second, String kind, int instance) {
      return new Planned(second, kind, instance, Fault.KILL);
    }

    static Planned pause(int second, String kind, int instance) {
      return new Planned(second, kind, instance, Fault.PAUSE);
    }

    static Planned readOnlyDatabase(int second) {
      return new Planned(second, Fault.DATABASE, 0, Fault.READ_ONLY);
    }

    static Planned partition(int second, int node) {
      return new Planned(second, Fault.BROKER, node, Fault.PARTITION);
    }

    /** The thread that makes this fault: one per resolver, the sink, ingest, and the brokers. */
    String lane() {
      return kind.equals(Fault.RESOLVER) ? kind + "-" + instance : kind;
    }
  }

  private final KafkaCluster cluster;
  private final List<ServiceJvm> resolvers;
  private final ServiceJvm sink;
  private final ServiceJvm ingest;
  private final PartitionOwners owners;
  private final MaterializerProgress materializer;
  private final ChaosDatabase database;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Thread> runners = new ArrayList<>();

  FaultSchedule(
      KafkaCluster cluster,
      List<ServiceJvm> resolvers,
      ServiceJvm sink,
      ServiceJvm ingest,
      PartitionOwners owners,
      MaterializerProgress materializer,
      ChaosDatabase database) {
    this.cluster = cluster;
    this.resolvers = List.copyOf(resolvers);
    this.sink = sink;
    this.ingest = ingest;
    this.owners = owners;
    this.materializer = materializer;
    this.database = database;
  }

  /**
   * The faults of a load of {@code loadSeconds}, by lane, each lane in time order. None is planned
   * in the last 12 s: the part would come back after the load, and the drain be measured through
   * its recovery. Each resolver is killed, then paused, in turn; the sink and ingest alternate a
   * kill and a pause; the brokers take a pause, a partition and a kill in turn, every 25 s from 20
   * s, so that the short run's 95 s holds one of each (a broker fault takes its 12 s and a recovery
   * of a few seconds). Broker node 0 is never touched, only the others in turn.
   */
  static Map<String, List<Planned>> plan(int loadSeconds, int resolverCount, int brokerNodes) {
    int last = loadSeconds - 12;
    List<Planned> planned = new ArrayList<>();
    int resolverFaults = 0;
    for (int t = 10; t <= last; t += 20, resolverFaults++) {
      int instance = resolverFaults % resolverCount;
      planned.add(
          (resolverFaults / resolverCount) % 2 == 0
              ? Planned.kill(t, Fault.RESOLVER, instance)
              : Planned.pause(t, Fault.RESOLVER, instance));
    }
    int sinkFaults = 0;
    for (int t = 22; t <= last; t += 40) {
      planned.add(alternating(sinkFaults++, t, Fault.SINK, 0));
    }
    int ingestFaults = 0;
    for (int t = 35; t <= last; t += 40) {
      planned.add(alternating(ingestFaults++, t, Fault.INGEST, 0));
    }
    int brokerFaults = 0;
    for (int t = 20; t <= last; t += 25, brokerFaults++) {
      int node = 1 + brokerFaults % (brokerNodes - 1);
      planned.add(
          switch (brokerFaults % 3) {
            case 0 -> Planned.pause(t, Fault.BROKER, node);
            case 1 -> Planned.partition(t, node);
            default -> Planned.kill(t, Fault.BROKER, node);
          });
    }
    int databaseFaults = 0;
    for (int t = 42; t <= last; t += 40) {
      planned.add(
          databaseFaults++ % 2 == 0
              ? Planned.kill(t, Fault.DATABASE, 0)
              : Planned.readOnlyDatabase(t));
    }
    Map<String, List<Planned>> lanes = new LinkedHashMap<>();
    for (Planned fault : planned) {
      lanes.computeIfAbsent(fault.lane(), lane -> new ArrayList<>()).add(fault);
    }
    return lanes;
  }

  /** The {@code n}th fault of a lane that kills first and pauses next. */
  private static Planned alternating(int n, int second, String kind, int instance) {
    return n % 2 == 0
        ? Planned.kill(second, kind, instance)
        : Planned.pause(second, kind, instance);
  }

  /**
   * Makes one lane's faults in turn: waits for each one's time, and makes it only while the load
   * runs. {@code perform} returns when the part is back (or its deadline passed), so a slow
   * recovery pushes the lane's next fault later, up to skipping it.
   */
  static void runLane(
      List<Planned> lane,
      long loadStart,
      int loadSeconds,
      LongSupplier clock,
      Consumer<Planned> perform) {
    long loadEnd = loadStart + Duration.ofSeconds(loadSeconds).toNanos();
    for (Planned fault : lane) {
      long at = loadStart + Duration.ofSeconds(fault.second()).toNanos();
      Poll.holdsWithin(Duration.ofSeconds(loadSeconds), () -> clock.getAsLong() >= at);
      if (clock.getAsLong() < loadEnd) {
        perform.accept(fault);
      }
    }
  }

  /** Starts one thread per lane, timed from {@code loadStart} (nanoTime). */
  void start(long loadStart, int loadSeconds) {
    plan(loadSeconds, resolvers.size(), KafkaCluster.NODES)
        .forEach(
            (lane, planned) -> {
              Thread runner =
                  new Thread(
                      () -> runLane(planned, loadStart, loadSeconds, System::nanoTime, this::make),
                      "faults-" + lane);
              runner.start();
              runners.add(runner);
            });
  }

  /** Waits for every lane to finish its last fault and recovery. */
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
   * requests it answered. A resumed resolver is back when it owns partitions again: right after
   * SIGCONT it still reports the RUNNING it was in when it stopped, while the group has moved its
   * tasks away.
   */
  private void make(Planned fault) {
    switch (fault.kind()) {
      case Fault.RESOLVER -> {
        ServiceJvm resolver = resolvers.get(fault.instance());
        if (fault.how().equals(Fault.KILL)) {
          killAndRestart(Fault.RESOLVER, resolver, ServiceJvm::isReady);
        } else {
          pauseAndResume(Fault.RESOLVER, resolver, since -> ownsPartitions(resolver, since));
        }
      }
      case Fault.SINK -> serviceFault(fault, sink, sinkCaughtUp());
      case Fault.INGEST -> serviceFault(fault, ingest, ServiceJvm::isLive);
      case Fault.BROKER -> {
        switch (fault.how()) {
          case Fault.KILL -> killAndRestartBroker(fault.instance());
          case Fault.PAUSE -> pauseAndResumeBroker(fault.instance());
          case Fault.PARTITION -> partitionAndHealBroker(fault.instance());
          default -> throw new IllegalArgumentException("no such broker fault: " + fault);
        }
      }
      case Fault.DATABASE -> {
        if (fault.how().equals(Fault.KILL)) {
          crashAndRestartDatabase();
        } else {
          readOnlyDatabase();
        }
      }
      default -> throw new IllegalArgumentException("no such fault: " + fault);
    }
  }

  /**
   * Crashes PostgreSQL, starts it again after its downtime; recovered when the sink, which wants
   * the database answering to be ready, is ready again.
   */
  private void crashAndRestartDatabase() {
    long crashed = System.nanoTime();
    database.crashAndRestart(DATABASE_DOWNTIME);
    long started = System.nanoTime();
    Predicate<ServiceJvm> caughtUp = sinkCaughtUp();
    boolean ready = Poll.holdsWithin(RECOVERY_DEADLINE, () -> caughtUp.test(sink));
    faults.add(
        new Fault(
            Fault.DATABASE,
            Fault.KILL,
            "postgres",
            crashed,
            started,
            ready ? System.nanoTime() : -1));
  }

  /**
   * Makes PostgreSQL refuse writes for a while, then writable again. Recovered when the sink has
   * written everything the changelog held when the database became writable again.
   */
  private void readOnlyDatabase() {
    long began = System.nanoTime();
    database.readOnlyFor(DATABASE_READ_ONLY);
    long ended = System.nanoTime();
    Predicate<ServiceJvm> caughtUp = sinkCaughtUp();
    boolean writing = Poll.holdsWithin(RECOVERY_DEADLINE, () -> caughtUp.test(sink));
    faults.add(
        new Fault(
            Fault.DATABASE,
            Fault.READ_ONLY,
            "postgres",
            began,
            ended,
            writing ? System.nanoTime() : -1));
  }

  /**
   * The sink is back when it is ready and its materializer has written everything the changelog
   * held when the fault ended: a ready sink whose consumer group is stuck has not recovered. The
   * changelog's end is taken when the check is first asked, just after the fault ended.
   */
  private Predicate<ServiceJvm> sinkCaughtUp() {
    AtomicReference<BooleanSupplier> caughtUp = new AtomicReference<>();
    return service -> {
      if (caughtUp.get() == null) {
        caughtUp.set(materializer.caughtUpFromNow());
      }
      return service.isReady() && caughtUp.get().getAsBoolean();
    };
  }

  private void serviceFault(Planned fault, ServiceJvm service, Predicate<ServiceJvm> recovered) {
    if (fault.how().equals(Fault.KILL)) {
      killAndRestart(fault.kind(), service, recovered);
    } else {
      pauseAndResume(fault.kind(), service, since -> recovered.test(service));
    }
  }

  private boolean ownsPartitions(ServiceJvm resolver, long sinceNanos) {
    return resolver.isReady() && owners.ownsPartitionsSince(resolver.name(), sinceNanos);
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
   * SIGSTOP for the kind's pause, then SIGCONT; recovered when {@code recovered} holds of the
   * moment of the SIGCONT.
   */
  private void pauseAndResume(String kind, ServiceJvm service, LongPredicate recovered) {
    long paused = System.nanoTime();
    long resumed = stoppedFor(PAUSES.get(kind), service::pause, service::resume);
    boolean back = Poll.holdsWithin(RECOVERY_DEADLINE, () -> recovered.test(resumed));
    faults.add(
        new Fault(
            kind, Fault.PAUSE, service.name(), paused, resumed, back ? System.nanoTime() : -1));
  }

  /**
   * Pauses a process (or cuts a broker off) for {@code duration} and resumes it (heals) whatever
   * happens, so that no test leaves a stopped JVM or a partitioned broker behind; returns when it
   * was resumed (nanoTime).
   */
  private static long stoppedFor(Duration duration, Runnable pause, Runnable resume) {
    pause.run();
    try {
      Poll.pause(duration);
    } finally {
      resume.run();
    }
    return System.nanoTime();
  }

  /**
   * SIGKILL a broker, leave it down for a while, start it; recovered when all three nodes serve
   * again, with metadata caught up since its start, and every partition's replicas are all in sync.
   */
  private void killAndRestartBroker(int node) {
    ChildJvm broker = cluster.node(node);
    long killed = System.nanoTime();
    broker.kill();
    Poll.pause(BROKER_DOWNTIME);
    broker.start();
    long started = System.nanoTime();
    long startedMillis = System.currentTimeMillis();
    faults.add(
        new Fault(
            Fault.BROKER,
            Fault.KILL,
            broker.name(),
            killed,
            started,
            brokerRecovered(startedMillis)));
  }

  /**
   * SIGSTOP a broker past its session and the replica lag time, then SIGCONT: it comes back
   * believing it still leads partitions the controller has moved away. Recovered as a killed one.
   */
  private void pauseAndResumeBroker(int node) {
    ChildJvm broker = cluster.node(node);
    long paused = System.nanoTime();
    long resumed = stoppedFor(PAUSES.get(Fault.BROKER), broker::pause, broker::resume);
    long resumedMillis = System.currentTimeMillis();
    faults.add(
        new Fault(
            Fault.BROKER,
            Fault.PAUSE,
            broker.name(),
            paused,
            resumed,
            brokerRecovered(resumedMillis)));
  }

  /**
   * Cuts a broker off from the other nodes and every client past its session and the replica lag
   * time, then heals: the controller has fenced it and moved its leaderships while it kept running,
   * retrying and believing it leads; healed, it must learn the new epochs, truncate what it alone
   * appended, and catch up. Recovered as a killed one.
   */
  private void partitionAndHealBroker(int node) {
    ChildJvm broker = cluster.node(node);
    long cut = System.nanoTime();
    long healed = stoppedFor(PARTITION_TIME, () -> cluster.cut(node), () -> cluster.heal(node));
    long healedMillis = System.currentTimeMillis();
    faults.add(
        new Fault(
            Fault.BROKER,
            Fault.PARTITION,
            broker.name(),
            cut,
            healed,
            brokerRecovered(healedMillis)));
  }

  /**
   * When every node serves, every node's metadata has caught up since the fault ended ({@code
   * endedMillis}, wall clock) and every replica is in sync again, or -1 past the deadline.
   */
  private long brokerRecovered(long endedMillis) {
    try {
      cluster.awaitNodes(KafkaCluster.NODES, RECOVERY_DEADLINE);
      cluster.awaitMetadataCaughtUpSince(endedMillis, RECOVERY_DEADLINE);
      cluster.awaitReplicasInSync(RECOVERY_DEADLINE);
      return System.nanoTime();
    } catch (IllegalStateException e) {
      return -1;
    }
  }
}
