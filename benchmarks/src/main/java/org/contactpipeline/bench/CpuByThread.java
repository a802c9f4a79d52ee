package org.contactpipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the cores went during a step: CPU time of every thread of this JVM (the whole stack runs in
 * it) by name, of the JVM's own threads that Java cannot see (the JIT compiler, the garbage
 * collector) and RocksDB's, read from Linux, and of PostgreSQL's processes, which run beside it.
 * Threads of one kind (a broker's request handlers, a client's ids) are summed under one name with
 * their ids left out. Says which component a step was bound by on the shared cores, which a rate
 * alone cannot.
 */
final class CpuByThread {

  /** Hex ids (UUIDs and the like) in thread names, and trailing thread numbers. */
  private static final Pattern IDS =
      Pattern.compile("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|-[0-9a-f]{8}\\b|-\\d+$");

  /** Linux counts process CPU in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100;

  private static final long NANOS_PER_TICK = (long) (1e9 / TICKS_PER_SECOND);

  /**
   * Threads that are not Java threads, so {@link ThreadMXBean} does not list them, by the start of
   * their Linux name (which Linux cuts at 15 characters), and the kind each is reported as.
   */
  private static final Map<String, String> NATIVE_THREAD_KINDS =
      Map.of(
          "C1 CompilerThre", "JVM JIT compiler (C1, C2)",
          "C2 CompilerThre", "JVM JIT compiler (C1, C2)",
          "GC Thread#", "JVM garbage collector (G1)",
          "G1 ", "JVM garbage collector (G1)",
          "VM Thread", "JVM safepoint operations (VM Thread)",
          "rocksdb:", "RocksDB's own threads");

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
    nativeThreadTicks()
        .forEach((kind, ticks) -> byName.merge(kind, ticks * NANOS_PER_TICK, Long::sum));
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

  /** Kind of a thread that is not a Java thread, by its Linux name; null for any other thread. */
  static String nativeKindOf(String linuxName) {
    return NATIVE_THREAD_KINDS.entrySet().stream()
        .filter(kind -> linuxName.startsWith(kind.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** User and system ticks of this process's threads that {@link #nativeKindOf} names, by kind. */
  private static Map<String, Long> nativeThreadTicks() {
    Map<String, Long> byKind = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String kind = nativeKindOf(readOrEmpty(task.resolve("comm")).strip());
        if (kind != null) {
          byKind.merge(kind, ticksIn(readOrEmpty(task.resolve("stat"))), Long::sum);
        }
      }
    } catch (IOException e) {
      // Not Linux, or /proc is not mounted: the report lists the Java threads alone.
    }
    return byKind;
  }

  /** User and system ticks of every process named postgres (the local stack's server). */
  private static long postgresTicks() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().orElse("").endsWith("/postgres"))
        .mapToLong(process -> ticksOf(process.pid()))
        .sum();
  }

  private static long ticksOf(long pid) {
    return ticksIn(readOrEmpty(Path.of("/proc", Long.toString(pid), "stat")));
  }

  /** User plus system ticks from a {@code /proc} stat line; 0 for one that cannot be read. */
  static long ticksIn(String stat) {
    try {
      // Fields after the command, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** A process or thread may end between listing and reading it. */
  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
