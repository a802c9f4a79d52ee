package org.contactpipeline.chaos;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The scale-out benchmark's report: per number of resolver instances, contacts/s and the resolvers'
 * CPU seconds per 1,000 contacts, each beside its ratio to the first step of the same run (one
 * instance, by default). Absolute figures vary with the machine; the ratios are what travel. The
 * table is Markdown, to be pasted into docs/scaling.md as it is.
 */
final class ScaleOutReport {

  /** What every step shared. */
  record Setup(
      int contacts,
      int warmUp,
      int partitions,
      int brokers,
      int standbyReplicas,
      int cores,
      long ticksPerSecond) {}

  /**
   * One step: {@code instances} resolvers, {@code contacts} commands published from the first send
   * ({@code publishSeconds} until the producer's flush returned) until the last result was on
   * contact.results ({@code resultsSeconds}); CPU seconds used over that time.
   */
  record Step(
      int instances,
      int contacts,
      double publishSeconds,
      double resultsSeconds,
      double resolverCpuSeconds,
      double brokerCpuSeconds,
      TopicBytes topicBytes) {

    double contactsPerSecond() {
      return contacts / resultsSeconds;
    }

    double perInstancePerSecond() {
      return contactsPerSecond() / instances;
    }

    double resolverCpuPerThousand() {
      return resolverCpuSeconds * 1000 / contacts;
    }

    double brokerCpuPerThousand() {
      return brokerCpuSeconds * 1000 / contacts;
    }
  }

  /**
   * Bytes of each topic on the brokers, all replicas, at the end of a step, over every contact the
   * step put on them (warm-up included). Every key was new, so compaction would keep all of it.
   */
  record TopicBytes(
      long contacts, long commands, long results, long goldenRecords, long storeChangelogs) {

    double perContact(long bytes) {
      return (double) bytes / contacts;
    }
  }

  private final PrintStream out;

  ScaleOutReport(PrintStream out) {
    this.out = out;
  }

  void print(Setup setup, List<Step> steps) {
    out.printf(
        Locale.ROOT,
        "%n== scale-out: %,d new contacts per step (UPSERT straight to contact.commands,"
            + " after %,d unmeasured)%n",
        setup.contacts(),
        setup.warmUp());
    out.printf(
        Locale.ROOT,
        "P = %d partitions, %d brokers (replication 3, min ISR 2), standby replicas %d,"
            + " %d cores, CLK_TCK %d; a fresh cluster per step; sink and ingest not running%n%n",
        setup.partitions(),
        setup.brokers(),
        setup.standbyReplicas(),
        setup.cores(),
        setup.ticksPerSecond());
    if (steps.isEmpty()) {
      out.println("no steps ran");
      return;
    }
    Step base = steps.get(0);
    String of = "÷ " + base.instances();
    out.println(
        "| resolver instances | contacts/s | "
            + of
            + " | contacts/s per instance | resolver CPU s per 1,000 contacts | "
            + of
            + " | broker CPU s per 1,000 contacts | published in | all results in |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Step step : steps) {
      out.printf(
          Locale.ROOT,
          "| %d | %,.0f | %.2f | %,.0f | %.3f | %.2f | %.3f | %.1f s | %.1f s |%n",
          step.instances(),
          step.contactsPerSecond(),
          step.contactsPerSecond() / base.contactsPerSecond(),
          step.perInstancePerSecond(),
          step.resolverCpuPerThousand(),
          step.resolverCpuPerThousand() / base.resolverCpuPerThousand(),
          step.brokerCpuPerThousand(),
          step.publishSeconds(),
          step.resultsSeconds());
    }
    out.printf(
        Locale.ROOT,
        "%nBytes per contact on the brokers, all replicas, uncompacted (compacted topics keep all"
            + " of it for new keys):%n");
    out.println(
        "| resolver instances | contact.commands | contact.results | contact.changelog"
            + " | store changelogs |");
    out.println("|---:|---:|---:|---:|---:|");
    for (Step step : steps) {
      TopicBytes bytes = step.topicBytes();
      out.printf(
          Locale.ROOT,
          "| %d | %.0f B | %.0f B | %.0f B | %.0f B |%n",
          step.instances(),
          bytes.perContact(bytes.commands()),
          bytes.perContact(bytes.results()),
          bytes.perContact(bytes.goldenRecords()),
          bytes.perContact(bytes.storeChangelogs()));
    }
    out.printf(
        Locale.ROOT,
        "%nRatios are to the %d-instance step of this run. CPU is user + system time from"
            + " /proc/<pid>/stat of every resolver (and broker) JVM, from the first send to the"
            + " last result.%n",
        base.instances());
  }
}
