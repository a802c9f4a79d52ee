package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Which fault each HTTP answer met. An answer counts against availability only when a fault could
 * not excuse it: sent in a resolver, sink or broker window while ingest was up and stayed up until
 * it answered, with every key owned by a resolver instance that was up from sending to answer. This
 * is the attribution behind the availability figures and goals; it reads no process.
 */
final class FaultWindows {

  /**
   * How long ingest waits for results before its 504 (PIPELINE_RESPONSE_TIMEOUT_MS, its default).
   */
  static final Duration INGEST_TIMEOUT =
      Settings.of(IngestConfig.DEFAULTS).millis("pipeline.response-timeout-ms");

  private static final String[] ALL_KINDS = {
    Fault.RESOLVER, Fault.SINK, Fault.BROKER, Fault.INGEST, Fault.DATABASE
  };

  /** What each kind of part needs to count as recovered: what can hold its recovery up. */
  private static final Map<String, Set<String>> DEPENDENCIES =
      Map.of(
          Fault.RESOLVER, Set.of(Fault.BROKER),
          Fault.INGEST, Set.of(Fault.BROKER),
          Fault.SINK, Set.of(Fault.BROKER, Fault.DATABASE),
          // A database fault counts as recovered when the sink has caught up
          // (MaterializerProgress).
          Fault.DATABASE, Set.of(Fault.BROKER, Fault.SINK));

  /** The faults of the parts behind ingest: ingest itself answers through them. */
  private static final String[] SERVICE_KINDS = {
    Fault.RESOLVER, Fault.SINK, Fault.BROKER, Fault.DATABASE
  };

  /** The owner of a partition of contact.commands at a moment, or null; {@link PartitionOwners}. */
  @FunctionalInterface
  interface Owners {
    String ownerAt(int partition, long nanos);
  }

  private final List<Fault> faults;
  private final List<HttpAnswer> answers;
  private final Owners owners;
  private final int partitions;

  FaultWindows(List<Fault> faults, List<HttpAnswer> answers, Owners owners, int partitions) {
    this.faults = List.copyOf(faults);
    this.answers = List.copyOf(answers);
    this.owners = owners;
    this.partitions = partitions;
  }

  List<Fault> faults() {
    return faults;
  }

  List<HttpAnswer> answers() {
    return answers;
  }

  long count(String kind) {
    return faults.stream().filter(f -> f.kind().equals(kind)).count();
  }

  /** The slowest recovery of a kind in seconds; one that never came is infinitely slow. */
  double worstRecovery(String kind) {
    return worst(ofKind(kind), Fault::recoverySeconds);
  }

  /**
   * The slowest recovery of a kind in seconds, each timed from the last disturbance it waited on
   * ({@link #recoverySinceLastDisturbance}); one that never came is infinitely slow.
   */
  double worstRecoverySinceLastDisturbance(String kind) {
    return worst(ofKind(kind), this::recoverySinceLastDisturbance);
  }

  /**
   * The slowest recovery of the faults so labelled ({@link Fault#label}), as {@link
   * #worstRecovery}.
   */
  double worstRecoveryLabelled(String label) {
    return worst(labelled(label), Fault::recoverySeconds);
  }

  /** As {@link #worstRecoverySinceLastDisturbance}, of the faults so labelled. */
  double worstRecoverySinceLastDisturbanceLabelled(String label) {
    return worst(labelled(label), this::recoverySinceLastDisturbance);
  }

  private List<Fault> ofKind(String kind) {
    return faults.stream().filter(f -> f.kind().equals(kind)).toList();
  }

  private static double worst(List<Fault> of, ToDoubleFunction<Fault> recovery) {
    return of.stream()
        .mapToDouble(recovery)
        .map(s -> Double.isNaN(s) ? Double.POSITIVE_INFINITY : s)
        .max()
        .orElse(0);
  }

  /**
   * The recovery of a fault in seconds, timed from the last moment something it depends on was
   * disturbed while it recovered, or from its own end when nothing was: a resolver or ingest
   * depends on the brokers, the sink on the brokers and PostgreSQL, and PostgreSQL's recovery (the
   * sink caught up) on the brokers and the sink. A disturbance is the start of such a fault and,
   * for one that holds its dependents up until it ends ({@link Fault#holdsUpUntilItEnds}: a broker
   * paused or partitioned, the database down or read-only), its end. A part cannot be back before
   * the parts it needs are, so the recovery goals are stated from there: within 15 s after a pause
   * ends or a partition heals. NaN when it never came back.
   */
  double recoverySinceLastDisturbance(Fault fault) {
    if (fault.recoveredNanos() < 0) {
      return Double.NaN;
    }
    long from =
        lastDisturbances(fault).stream()
            .mapToLong(Disturbance::atNanos)
            .findFirst()
            .orElse(fault.endedNanos());
    return (fault.recoveredNanos() - from) / 1e9;
  }

  /** A fault of a part another needs, beginning or (when it holds its dependents up) ending. */
  record Disturbance(Fault fault, long atNanos, boolean ended) {}

  /**
   * The disturbances at the last moment one came while {@code fault}'s part recovered (see {@link
   * #recoverySinceLastDisturbance}), usually one; empty if none came.
   */
  List<Disturbance> lastDisturbances(Fault fault) {
    List<Disturbance> during =
        faultsNeededBy(fault).stream()
            .flatMap(FaultWindows::disturbances)
            .filter(d -> d.atNanos() > fault.endedNanos() && d.atNanos() < fault.recoveredNanos())
            .toList();
    long last = during.stream().mapToLong(Disturbance::atNanos).max().orElse(Long.MIN_VALUE);
    return during.stream().filter(d -> d.atNanos() == last).toList();
  }

  /** The faults of the parts {@code fault}'s part needs to count as recovered. */
  private List<Fault> faultsNeededBy(Fault fault) {
    Set<String> needed = DEPENDENCIES.getOrDefault(fault.kind(), Set.of());
    return faults.stream()
        .filter(other -> other != fault && needed.contains(other.kind()))
        .toList();
  }

  /** Its start, and its end when it holds its dependents up until then. */
  private static Stream<Disturbance> disturbances(Fault fault) {
    Disturbance began = new Disturbance(fault, fault.startedNanos(), false);
    return fault.holdsUpUntilItEnds()
        ? Stream.of(began, new Disturbance(fault, fault.endedNanos(), true))
        : Stream.of(began);
  }

  /**
   * The other faults whose windows were open at some moment between {@code fault}'s start and its
   * recovery: what its recovery time also measured.
   */
  List<Fault> concurrentWith(Fault fault) {
    long recovered = fault.recoveredNanos() < 0 ? Long.MAX_VALUE : fault.recoveredNanos();
    return faults.stream()
        .filter(other -> other != fault && other.overlaps(fault.startedNanos(), recovered))
        .toList();
  }

  /** Whether a window of one of {@code kinds} was open at {@code nanos}. */
  boolean inFault(long nanos, String... kinds) {
    Set<String> wanted = Set.of(kinds);
    return faults.stream().anyMatch(f -> wanted.contains(f.kind()) && f.covers(nanos));
  }

  /** HTTP status to count, of the answers sent in any fault window. */
  Map<Integer, Integer> statusesInsideWindows() {
    return statuses(a -> inFault(a.sentNanos(), ALL_KINDS));
  }

  /** HTTP status to count, of the answers sent in a resolver, sink or broker window, ingest up. */
  Map<Integer, Integer> statusesInServiceWindowsWithIngestUp() {
    return statuses(
        a -> inFault(a.sentNanos(), SERVICE_KINDS) && !inFault(a.sentNanos(), Fault.INGEST));
  }

  /** HTTP status to count, of the answers sent in a window of {@code kind}. */
  Map<Integer, Integer> statusesInWindowsOf(String kind) {
    return statuses(a -> inFault(a.sentNanos(), kind));
  }

  /** HTTP status to count, of the answers sent in a window of a fault so labelled. */
  Map<Integer, Integer> statusesInWindowsLabelled(String label) {
    return statuses(
        a -> faults.stream().anyMatch(f -> f.label().equals(label) && f.covers(a.sentNanos())));
  }

  /** The labels ({@link Fault#label}) of the faults made, in the order first made. */
  List<String> labels() {
    return faults.stream()
        .sorted(java.util.Comparator.comparingLong(Fault::startedNanos))
        .map(Fault::label)
        .distinct()
        .toList();
  }

  /** The faults so labelled, in the order made. */
  List<Fault> labelled(String label) {
    return faults.stream().filter(f -> f.label().equals(label)).toList();
  }

  /** HTTP status to count, of the answers sent while no fault window was open. */
  Map<Integer, Integer> statusesOutsideWindows() {
    return statuses(a -> !inFault(a.sentNanos(), ALL_KINDS));
  }

  private Map<Integer, Integer> statuses(Predicate<HttpAnswer> which) {
    Map<Integer, Integer> counts = new TreeMap<>();
    answers.stream()
        .filter(which)
        .forEach(answer -> counts.merge(answer.status(), 1, Integer::sum));
    return counts;
  }

  /**
   * Answers sent in a resolver/sink/broker window while ingest itself was up and stayed up until it
   * answered: a request in flight when ingest was SIGKILLed dies with its connection.
   */
  List<HttpAnswer> inFaultWindowsWithIngestUp() {
    return answers.stream()
        .filter(
            a ->
                inFault(a.sentNanos(), SERVICE_KINDS)
                    && !inFault(a.sentNanos(), Fault.INGEST)
                    && !ingestKilledWhileOpen(a))
        .toList();
  }

  private boolean ingestKilledWhileOpen(HttpAnswer answer) {
    long end = answer.lastSeenNanos();
    return faults.stream()
        .anyMatch(
            f ->
                f.kind().equals(Fault.INGEST)
                    && f.startedNanos() >= answer.sentNanos()
                    && f.startedNanos() <= end);
  }

  /** The goal's share: 200s among those answers whose keys live instances owned. */
  double okShareInFaults() {
    return okShare(
        inFaultWindowsWithIngestUp().stream().filter(this::ownedByLiveInstances).toList());
  }

  static double okShare(List<HttpAnswer> answered) {
    return answered.isEmpty()
        ? 1.0
        : answered.stream().filter(a -> a.status() == 200).count() / (double) answered.size();
  }

  /**
   * Whether every key of the request was owned, from its sending until its answer (or until its
   * answer was due, when none came), by a resolver instance that was up all that time: only such a
   * request can be answered 200.
   */
  boolean ownedByLiveInstances(HttpAnswer answer) {
    long end =
        answer.status() > 0 && answer.answeredNanos() >= answer.sentNanos()
            ? answer.answeredNanos()
            : answer.sentNanos() + INGEST_TIMEOUT.toNanos();
    for (String key : answer.keys()) {
      int partition = OwnerPartition.of(new ContactKey(Deployment.TENANT, 0, key), partitions);
      String owner = owners.ownerAt(partition, answer.sentNanos());
      if (owner == null
          || faults.stream()
              .anyMatch(
                  f ->
                      f.kind().equals(Fault.RESOLVER)
                          && isInstance(owner, f.target())
                          && f.overlaps(answer.sentNanos(), end))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Kafka Streams gives each stream thread's consumer the instance's {@code group.instance.id} with
   * {@code -<thread>} appended ({@code resolver-a-1}); dynamic members show their client id.
   */
  static boolean isInstance(String member, String instance) {
    return member.equals(instance) || member.startsWith(instance + "-");
  }

  /**
   * Non-200 answers sent in a broker window whose keys live resolver instances owned all along: a
   * request that met a resolver kill of its owner, or an ingest restart, is another fault's.
   */
  List<HttpAnswer> failedInBrokerWindows() {
    return failedWhileOwnedByLiveInstances().stream()
        .filter(a -> inFault(a.sentNanos(), Fault.BROKER))
        .toList();
  }

  /** The answers that count against the 200 share: owned by live instances, yet not a 200. */
  List<HttpAnswer> failedWhileOwnedByLiveInstances() {
    return inFaultWindowsWithIngestUp().stream()
        .filter(a -> a.status() != 200 && ownedByLiveInstances(a))
        .toList();
  }

  /** 504s of requests whose whole life, from sending to the answer, met no fault window. */
  List<HttpAnswer> timeoutsOutsideFaults() {
    return answers.stream().filter(a -> a.status() == 504 && !metAnyFault(a)).toList();
  }

  /** Whether a fault window was open at any moment between sending the request and its answer. */
  boolean metAnyFault(HttpAnswer answer) {
    return faults.stream().anyMatch(f -> f.overlaps(answer.sentNanos(), answer.lastSeenNanos()));
  }

  /** The faults whose window was open at some moment of the request's life, to describe it. */
  List<Fault> faultsMetBy(HttpAnswer answer) {
    return faults.stream()
        .filter(f -> f.overlaps(answer.sentNanos(), answer.lastSeenNanos()))
        .toList();
  }
}
