package org.contactpipeline.chaos;

import java.time.Duration;

/**
 * One fault the schedule made: which part ({@code kind}: a resolver, the sink, ingest, a broker,
 * PostgreSQL) and {@code how} (SIGKILL, SIGSTOP until a SIGCONT, for a broker a network partition
 * until it heals, for PostgreSQL a read-only spell), when it began, when it ended (a killed service
 * is started again at once, a killed broker after its downtime, a paused one resumed, a partition
 * healed, a read-only database writable again), and when the part was working again (RUNNING/ready,
 * live, or every replica in sync); {@code recoveredNanos} is -1 when it did not come back within
 * the deadline. Its window runs from the start to a second after the recovery: the second covers
 * answers already on their way when the part came back.
 */
record Fault(
    String kind,
    String how,
    String target,
    long startedNanos,
    long endedNanos,
    long recoveredNanos) {

  static final String RESOLVER = "resolver";
  static final String SINK = "sink";
  static final String INGEST = "ingest";
  static final String BROKER = "broker";
  static final String DATABASE = "database";

  /** SIGKILL, then started again as a supervisor would. */
  static final String KILL = "kill";

  /** SIGSTOP for a while, then SIGCONT: the process comes back believing it still owns its work. */
  static final String PAUSE = "pause";

  /**
   * PostgreSQL refusing every write for a while and answering reads, as a primary demoted to a
   * standby or a volume remounted read-only does.
   */
  static final String READ_ONLY = "read-only";

  /**
   * A broker cut off from the other nodes and from every client, all its connections closed and new
   * ones refused, then let back: it runs all along, believing it still leads.
   */
  static final String PARTITION = "partition";

  /** A SIGKILL after which the part was started again at once. */
  Fault(String kind, String target, long killedNanos, long recoveredNanos) {
    this(kind, KILL, target, killedNanos, killedNanos, recoveredNanos);
  }

  /** From the end of the fault (the restart, the SIGCONT) until the part works again. */
  double recoverySeconds() {
    return recoveredNanos < 0 ? Double.NaN : (recoveredNanos - endedNanos) / 1e9;
  }

  boolean isPause() {
    return how.equals(PAUSE);
  }

  /**
   * Whether the part holds up those that need it until the fault ends, not just while the cluster
   * works around it: a paused broker keeps every connection open and answers nothing (a JoinGroup
   * sent to a paused group coordinator waits until it resumes or the rebalance timeout passes, five
   * minutes at Kafka's default), a partitioned one refuses connections until the heal, and the sink
   * cannot write while PostgreSQL is down or read-only. A killed broker's connections close at once
   * and the others take over its partitions after its session: its restart holds up no one.
   */
  boolean holdsUpUntilItEnds() {
    return how.equals(PAUSE) || how.equals(PARTITION) || kind.equals(DATABASE);
  }

  /** The kind and how, as the report and the figures per fault kind name them. */
  String label() {
    return kind + " " + how;
  }

  boolean covers(long nanos) {
    return nanos >= startedNanos && nanos <= end();
  }

  /** Whether the window was open at some moment of {@code [from, to]}. */
  boolean overlaps(long from, long to) {
    return from <= end() && to >= startedNanos;
  }

  private long end() {
    return recoveredNanos < 0 ? Long.MAX_VALUE : recoveredNanos + Duration.ofSeconds(1).toNanos();
  }
}
