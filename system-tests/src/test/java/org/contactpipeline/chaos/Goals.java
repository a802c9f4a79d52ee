package org.contactpipeline.chaos;

import java.util.List;

/**
 * The availability and recovery goals of the issue, evaluated on one run: worst recovery of a
 * resolver and of the sink (from the later of its own fault's end and the last fault event of a
 * part it needs, since no part can be back before what it needs is), requests a broker fault (kill,
 * pause, partition) failed, the 200 share during faults, 504s outside fault windows, and the drain.
 * The short run only reports them; the long run fails on a missed one ({@code
 * chaos.enforce-goals}).
 */
final class Goals {

  static final double RECOVERY_SECONDS = 15;
  static final double OK_SHARE = 0.99;
  static final double DRAIN_SECONDS = 30;

  /** One goal's figure against its limit: at most the limit, or (a share) at least it. */
  record Goal(String what, double value, double limit, boolean atLeast) {

    static Goal atMost(String what, double value, double limit) {
      return new Goal(what, value, limit, false);
    }

    static Goal atLeast(String what, double value, double limit) {
      return new Goal(what, value, limit, true);
    }

    boolean met() {
      return atLeast ? value >= limit : value <= limit;
    }
  }

  private final FaultWindows windows;
  private final long refusedCommands;
  private final double drainSeconds;

  /** {@code drainSeconds} is NaN when the results did not drain within their deadline. */
  Goals(FaultWindows windows, long refusedCommands, double drainSeconds) {
    this.windows = windows;
    this.refusedCommands = refusedCommands;
    this.drainSeconds = drainSeconds;
  }

  FaultWindows windows() {
    return windows;
  }

  double drainSeconds() {
    return drainSeconds;
  }

  /**
   * The slowest recovery of a kind, timed from the end of its fault or from the last disturbance of
   * a part it needs, whichever came later ({@link FaultWindows#recoverySinceLastDisturbance}).
   */
  double worstRecoverySinceLastDisturbance(String kind) {
    return windows.worstRecoverySinceLastDisturbance(kind);
  }

  /**
   * HTTP non-200s a broker fault (kill, pause, partition) caused, plus the commands the producer
   * could not publish.
   */
  long failedByBrokerFaults() {
    return windows.failedInBrokerWindows().size() + refusedCommands;
  }

  double okShareInFaults() {
    return windows.okShareInFaults();
  }

  long timeoutsOutsideFaults() {
    return windows.timeoutsOutsideFaults().size();
  }

  Goal resolverRecovery() {
    return Goal.atMost(
        "resolver recovered within 15 s of its last disturbance (worst)",
        worstRecoverySinceLastDisturbance(Fault.RESOLVER),
        RECOVERY_SECONDS);
  }

  Goal sinkRecovery() {
    return Goal.atMost(
        "sink recovered within 15 s of its last disturbance (worst)",
        worstRecoverySinceLastDisturbance(Fault.SINK),
        RECOVERY_SECONDS);
  }

  Goal brokerFaultFailures() {
    return Goal.atMost(
        "requests failed by a broker fault (HTTP non-200 + producer refusals)",
        failedByBrokerFaults(),
        0);
  }

  Goal okShare() {
    return Goal.atLeast(
        "200 share in resolver/sink/broker windows, keys owned by live instances",
        okShareInFaults(),
        OK_SHARE);
  }

  Goal timeoutsOutsideFaultWindows() {
    return Goal.atMost(
        "504 outside fault windows (no window open from sending to the answer)",
        timeoutsOutsideFaults(),
        0);
  }

  /** A drain that did not finish within its deadline counts as infinitely long. */
  Goal drain() {
    return Goal.atMost(
        "drain seconds",
        Double.isNaN(drainSeconds) ? Double.POSITIVE_INFINITY : drainSeconds,
        DRAIN_SECONDS);
  }

  List<Goal> all() {
    return List.of(
        resolverRecovery(),
        sinkRecovery(),
        brokerFaultFailures(),
        okShare(),
        timeoutsOutsideFaultWindows(),
        drain());
  }
}
