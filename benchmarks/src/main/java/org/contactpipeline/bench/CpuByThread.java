package org.contactpipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the cores went during a step: CPU time of every thread of this JVM (the whole stack runs in
 * it) by name, and of PostgreSQL's processes, which run beside it. Threads of one kind (a broker's
 * request handlers, a client's ids) are summed under one name with their ids left out. Says which
 * component a step was bound by on the shared cores, which a rate alone cannot.
 */
final class CpuByThread {

  /** Hex ids (UUIDs and the like) in thread names, and trailing thread numbers. */
  private static final Pattern IDS =
      Pattern.compile("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|-[0-9a-f]{8}\\b|-\\d+$");

  /** Linux counts process CPU in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100;

  private final Map<String, Long> nanosByName;
  private final long postgresTicks;

  private CpuByThread(Map<String, Long> nanosByName, long postgresTicks) {
    this.nanosByName = nanosByName;
    this.postgresTicks = postgresTicks;
  }

  static CpuByThread now() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byName = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        byName.merge(kindOf(info.getThreadName()), nanos, Long::sum);
      }
    }
    return new CpuByThread(byName, postgresTicks());
  }

  static String kindOf(String threadName) {
    return IDS.matcher(threadName).replaceAll("");
  }

  /** The {@code top} kinds of thread by CPU over {@code seconds}, as shares of one core. */
  String since(CpuByThread before, double seconds, int top) {
    Map<String, Double> cores = new HashMap<>();
    nanosByName.forEach(
        (name, nanos) -> {
          double used = (nanos - before.nanosByName.getOrDefault(name, 0L)) / 1e9 / seconds;
          if (used > 0) {
            cores.put(name, used);
          }
        });
    cores.put(
        "PostgreSQL (all postgres processes)",
        (postgresTicks - before.postgresTicks) / TICKS_PER_SECOND / seconds);
    double total = cores.values().stream().mapToDouble(Double::doubleValue).sum();
    return String.format("CPU by thread, %.2f cores in all: ", total)
        + cores.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(top)
            .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(", "));
  }

  /** User and system ticks of every process named postgres (the local stack's server). */
  private static long postgresTicks() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().orElse("").endsWith("/postgres"))
        .mapToLong(process -> ticksOf(process.pid()))
        .sum();
  }

  private static long ticksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
