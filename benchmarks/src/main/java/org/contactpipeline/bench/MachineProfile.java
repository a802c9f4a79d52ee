package org.contactpipeline.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the machine and the JVM did during a step, besides serving it: garbage-collection pauses,
 * which stall every component of the one-JVM stack at once (a latency tail), and the CPU shares
 * from {@code /proc/stat}, whose steal time says that another tenant of the host took the cores
 * (such a step measures the neighbour, not the pipeline). Taken before and after a step.
 */
final class MachineProfile {

  private static final Path PROC_STAT = Path.of("/proc/stat");

  // Positions in the cpu line of /proc/stat, whose fields count clock ticks.
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;
  private static final int STEAL = 7;

  private final long collections;
  private final long collectionMillis;
  private final Optional<long[]> cpuTicks;

  MachineProfile(long collections, long collectionMillis, Optional<long[]> cpuTicks) {
    this.collections = collections;
    this.collectionMillis = collectionMillis;
    this.cpuTicks = cpuTicks;
  }

  static MachineProfile now() {
    long collections = 0;
    long millis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (countsPauses(collector.getName())) {
        collections += Math.max(0, collector.getCollectionCount());
        millis += Math.max(0, collector.getCollectionTime());
      }
    }
    return new MachineProfile(collections, millis, cpuTicks());
  }

  /**
   * Whether a collector's time is stop-the-world time. G1 (JDK 20 and later) reports its concurrent
   * cycles as a collector too, and ZGC and Shenandoah report theirs ("ZGC Cycles", "Shenandoah
   * Cycles") beside their pauses; a cycle runs alongside the application, so its time is not a
   * pause.
   */
  static boolean countsPauses(String collectorName) {
    return !collectorName.contains("Concurrent") && !collectorName.endsWith("Cycles");
  }

  /** One line: pauses and their share of the step, then idle and steal time of all cores. */
  String since(MachineProfile before, double seconds) {
    long pauses = collections - before.collections;
    long pauseMillis = collectionMillis - before.collectionMillis;
    String gc =
        String.format(
            "GC pauses: %d, %.1f ms each, %.1f %% of the step",
            pauses,
            pauses == 0 ? 0.0 : (double) pauseMillis / pauses,
            pauseMillis / (seconds * 10));
    if (cpuTicks.isEmpty() || before.cpuTicks.isEmpty()) {
      return gc + "; CPU shares: no /proc/stat here";
    }
    long[] now = cpuTicks.get();
    long[] then = before.cpuTicks.get();
    long total = Arrays.stream(now).sum() - Arrays.stream(then).sum();
    if (total <= 0) {
      return gc;
    }
    return gc
        + String.format(
            "; CPU idle %.0f %%, steal %.1f %%%s",
            100.0 * (now[IDLE] + now[IOWAIT] - then[IDLE] - then[IOWAIT]) / total,
            100.0 * (now[STEAL] - then[STEAL]) / total,
            now[STEAL] - then[STEAL] > total / 20
                ? " (another tenant took the cores: this step's figures are not comparable)"
                : "");
  }

  /** user, nice, system, idle, iowait, irq, softirq, steal: empty where there is no procfs. */
  private static Optional<long[]> cpuTicks() {
    try {
      for (String line : Files.readAllLines(PROC_STAT)) {
        if (line.startsWith("cpu ")) {
          long[] ticks =
              Arrays.stream(line.substring(4).trim().split("\\s+"))
                  .limit(STEAL + 1)
                  .mapToLong(Long::parseLong)
                  .toArray();
          return ticks.length == STEAL + 1 ? Optional.of(ticks) : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
