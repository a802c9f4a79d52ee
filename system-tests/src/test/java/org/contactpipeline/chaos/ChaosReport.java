package org.contactpipeline.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of one chaos run as text: what ran, each fault and its recovery, the invariant
 * counts, the HTTP statuses inside and outside fault windows, and each goal MET or MISSED with the
 * answers that missed it. Printed to the build log (the figures are the point of the module) and
 * written to {@code target/chaos-report.txt}. It judges nothing: {@link InvariantChecks} and {@link
 * Goals} do.
 */
final class ChaosReport {

  static final Path FILE = Path.of("target", "chaos-report.txt");

  /** At most this many answers that missed the 200 share are listed. */
  private static final int NOT_OK_LISTED = 40;

  /**
   * What ran: the run's ID (its keys' prefix), the load's length, when the test began (nanoTime,
   * the origin of every "at" in the report), how long the deployment took to start, where the child
   * JVMs logged, and how often partition ownership was sampled.
   */
  record Run(
      String id,
      int loadSeconds,
      long beginNanos,
      double startSeconds,
      Path logs,
      int ownershipSamples) {}

  private final Run run;
  private final LoadDriver.Load load;
  private final Findings findings;
  private final Goals goals;
  private final FaultWindows windows;

  ChaosReport(Run run, LoadDriver.Load load, Findings findings, Goals goals) {
    this.run = run;
    this.load = load;
    this.findings = findings;
    this.goals = goals;
    this.windows = goals.windows();
  }

  /** Prints the report and writes it to {@link #FILE}. */
  void print() throws IOException {
    String text = text();
    System.out.print(text);
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, text, StandardCharsets.UTF_8);
  }

  String text() {
    StringBuilder out = new StringBuilder();
    whatRan(out);
    faults(out);
    invariants(out);
    statuses(out);
    out.append(
        format(
            "drain after the last fault/load end: %s%n",
            Double.isNaN(goals.drainSeconds())
                ? "NOT within " + ChaosIT.DRAIN_DEADLINE.toSeconds() + " s"
                : format("%.1f s", goals.drainSeconds())));
    out.append(
        "services or brokers that exited by themselves, or not live at the end: "
            + findings.servicesNotRunning()
            + "\n");
    goals(out);
    findings.examples().forEach(example -> out.append("  e.g. ").append(example).append('\n'));
    return out.toString();
  }

  private void whatRan(StringBuilder out) {
    out.append(
        format(
            "%n=== chaos test: %d s of load, run %s, logs in %s ===%n",
            run.loadSeconds(), run.id(), run.logs()));
    out.append(format("start (cluster, database, 4 services ready)  %.1f s%n", run.startSeconds()));
    out.append(
        format(
            "commands: %d accepted from the producer (%d refused), %d HTTP requests, %d keys, %d results read, "
                + "%d golden records%n",
            load.acceptedCommands().size(),
            load.refusedCommands(),
            load.answers().size(),
            load.keys().size(),
            findings.resultsSeen(),
            findings.goldenRecords()));
  }

  private void faults(StringBuilder out) {
    out.append(
        format(
            "faults: %d (%d resolver, %d sink, %d ingest, %d broker, %d database)%n",
            windows.faults().size(),
            windows.count(Fault.RESOLVER),
            windows.count(Fault.SINK),
            windows.count(Fault.INGEST),
            windows.count(Fault.BROKER),
            windows.count(Fault.DATABASE)));
    List<Fault> byKillTime =
        windows.faults().stream().sorted(Comparator.comparingLong(Fault::startedNanos)).toList();
    for (Fault fault : byKillTime) {
      out.append(
          format(
              "  %-8s %-9s %-10s at %6.1f s, for %4.1f s, recovered in %s%s%s%n",
              fault.kind(),
              fault.how(),
              fault.target(),
              secondsSinceBegin(fault.startedNanos()),
              (fault.endedNanos() - fault.startedNanos()) / 1e9,
              Double.isNaN(fault.recoverySeconds())
                  ? "NOT within " + FaultSchedule.RECOVERY_DEADLINE.toSeconds() + " s"
                  : format("%.1f s", fault.recoverySeconds()),
              sinceLastDisturbance(fault),
              meanwhile(windows.concurrentWith(fault))));
    }
    byKind(out);
  }

  /**
   * " (4.3 s after broker pause kafka-2 ended)" when a fault of a part it needs began or ended
   * while it recovered ({@link FaultWindows#recoverySinceLastDisturbance}), else nothing.
   */
  private String sinceLastDisturbance(Fault fault) {
    List<FaultWindows.Disturbance> last = windows.lastDisturbances(fault);
    if (last.isEmpty()) {
      return "";
    }
    return format(
        " (%.1f s after %s)",
        windows.recoverySinceLastDisturbance(fault),
        last.stream()
            .map(
                d ->
                    d.fault().label()
                        + " "
                        + d.fault().target()
                        + (d.ended() ? " ended" : " began"))
            .collect(Collectors.joining(" and ")));
  }

  /** The other faults a recovery overlapped, which slow it: a broker's above all. */
  private static String meanwhile(List<Fault> concurrent) {
    return concurrent.isEmpty()
        ? ""
        : concurrent.stream()
            .map(other -> other.label() + " " + other.target())
            .collect(Collectors.joining(", ", "; meanwhile: ", ""));
  }

  /**
   * Per kind of fault: how many, the recovery after each ended (a restart, a SIGCONT) until the
   * part worked again (a resolver RUNNING and owning partitions, the sink ready, ingest live, every
   * replica in sync after a broker's kill, pause or partition), and the HTTP answers sent inside
   * its windows.
   */
  private void byKind(StringBuilder out) {
    out.append(
        "by fault kind (recovery after the fault ended: worst, worst since the last disturbance of"
            + " a part it needs, each with that in parentheses where it differs)\n");
    for (String label : windows.labels()) {
      List<Fault> faults = windows.labelled(label);
      out.append(
          format(
              "  %-16s %2d  worst %5.1f s  since %5.1f s  each %s  HTTP %s%n",
              label,
              faults.size(),
              windows.worstRecoveryLabelled(label),
              windows.worstRecoverySinceLastDisturbanceLabelled(label),
              faults.stream().map(this::recoveries).toList(),
              windows.statusesInWindowsLabelled(label)));
    }
  }

  /** "26.4 (4.3)": the recovery, and since the last disturbance where that differs. */
  private String recoveries(Fault fault) {
    double recovery = fault.recoverySeconds();
    if (Double.isNaN(recovery)) {
      return "never";
    }
    double since = windows.recoverySinceLastDisturbance(fault);
    return since < recovery ? format("%.1f (%.1f)", recovery, since) : format("%.1f", recovery);
  }

  private void invariants(StringBuilder out) {
    out.append(
        format(
            "lost %d, duplicated %d, keys with two IDs %d, IDs shared by two keys %d, rows differing %d, "
                + "versions going back %d, 200s inconsistent with results %d, 503/504 not naming the request %d%n",
            findings.lost(),
            findings.duplicated(),
            findings.keysWithTwoIds(),
            findings.idsSharedByKeys(),
            findings.rowsDiffering(),
            findings.versionsGoingBack(),
            findings.inconsistentAnswers(),
            findings.unclearErrors()));
  }

  private void statuses(StringBuilder out) {
    out.append(
        "HTTP by status (-1 = no answer: refused while ingest was down, or cut when it was killed)\n");
    out.append("  inside fault windows:  " + windows.statusesInsideWindows() + "\n");
    out.append(
        "    resolver/sink/broker/database windows, ingest up: "
            + windows.statusesInServiceWindowsWithIngestUp()
            + "\n");
    out.append("    ingest windows:      " + windows.statusesInWindowsOf(Fault.INGEST) + "\n");
    out.append("    broker windows:      " + windows.statusesInWindowsOf(Fault.BROKER) + "\n");
    out.append("  outside fault windows: " + windows.statusesOutsideWindows() + "\n");
  }

  private void goals(StringBuilder out) {
    out.append("goals:\n");
    out.append(atMost(goals.resolverRecovery()));
    out.append(atMost(goals.sinkRecovery()));
    out.append(atMost(goals.brokerFaultFailures()));
    windows
        .failedInBrokerWindows()
        .forEach(
            a -> out.append("    failed in a broker window: ").append(describe(a)).append('\n'));
    List<HttpAnswer> inWindows = windows.inFaultWindowsWithIngestUp();
    long owned = inWindows.stream().filter(windows::ownedByLiveInstances).count();
    out.append(
        format(
            "  (of %d answers in those windows, %d had every key owned by a live resolver instance, by %d ownership "
                + "samples; the 200 share of all %d is %.2f %%)%n",
            inWindows.size(),
            owned,
            run.ownershipSamples(),
            inWindows.size(),
            FaultWindows.okShare(inWindows) * 100));
    Goals.Goal okShare = goals.okShare();
    out.append(
        format(
            "  %-70s %.2f %% (goal >= 99 %%) %s%n",
            okShare.what(), okShare.value() * 100, metOrMissed(okShare)));
    windows.failedWhileOwnedByLiveInstances().stream()
        .limit(NOT_OK_LISTED)
        .forEach(a -> out.append("    not a 200: ").append(describe(a)).append('\n'));
    out.append(atMost(goals.timeoutsOutsideFaultWindows()));
    for (HttpAnswer timedOut : windows.answers().stream().filter(a -> a.status() == 504).toList()) {
      out.append(
          format(
              "    504 sent at %.1f s, answered at %.1f s, %s%n",
              secondsSinceBegin(timedOut.sentNanos()),
              secondsSinceBegin(timedOut.answeredNanos()),
              windows.metAnyFault(timedOut) ? "met a fault window" : "met no fault window"));
    }
    out.append(atMost(goals.drain()));
  }

  /** One failed answer with what was going on around it, to tell which fault it met. */
  String describe(HttpAnswer answer) {
    long end = answer.lastSeenNanos();
    StringBuilder line =
        new StringBuilder(
            format(
                "%d sent at %.1f s, answered %.1f s later, %d keys; windows met:",
                answer.status(),
                secondsSinceBegin(answer.sentNanos()),
                (end - answer.sentNanos()) / 1e9,
                answer.keys().size()));
    windows
        .faultsMetBy(answer)
        .forEach(
            f ->
                line.append(
                    format(
                        " %s %s (at %.1f s)",
                        f.label(), f.target(), secondsSinceBegin(f.startedNanos()))));
    String body = answer.body() == null ? "" : answer.body();
    line.append("; ").append(body, 0, Math.min(body.length(), 160));
    return line.toString();
  }

  static String atMost(Goals.Goal goal) {
    return format(
        "  %-70s %.1f (goal <= %s) %s%n",
        goal.what(), goal.value(), limit(goal.limit()), metOrMissed(goal));
  }

  static String metOrMissed(Goals.Goal goal) {
    return goal.met() ? "MET" : "MISSED";
  }

  /** A whole limit without its decimals: "15", not "15.0". */
  private static String limit(double limit) {
    return limit == Math.rint(limit) ? Long.toString((long) limit) : Double.toString(limit);
  }

  private double secondsSinceBegin(long nanos) {
    return (nanos - run.beginNanos()) / 1e9;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
