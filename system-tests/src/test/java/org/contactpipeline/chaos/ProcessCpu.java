package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a process has used, from Linux's {@code /proc/<pid>/stat}: user plus system time of all
 * its threads (fields 14 and 15, {@code utime} and {@code stime}), in clock ticks, divided by the
 * ticks per second {@code getconf CLK_TCK} reports (100 on every usual kernel).
 */
final class ProcessCpu {

  private final long ticksPerSecond;

  private ProcessCpu(long ticksPerSecond) {
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Asks {@code getconf CLK_TCK} once; refuses to run where there is no {@code /proc}. */
  static ProcessCpu ofThisMachine() {
    if (!Files.isReadable(Path.of("/proc/self/stat"))) {
      throw new IllegalStateException("no /proc/self/stat: process CPU time needs Linux");
    }
    return new ProcessCpu(clockTicksPerSecond());
  }

  long ticksPerSecond() {
    return ticksPerSecond;
  }

  /** CPU seconds (user + system) the processes have used so far, summed. */
  double seconds(Collection<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      ticks += ticks(pid);
    }
    return (double) ticks / ticksPerSecond;
  }

  private static long ticks(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of pid " + pid, e);
    }
  }

  /**
   * utime + stime of one {@code /proc/<pid>/stat} line. The command name (field 2) is in
   * parentheses and may itself hold spaces and parentheses, so fields are counted from the last
   * {@code ')'}: the field after it is the 3rd.
   */
  static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      try {
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
          throw new IllegalStateException("getconf CLK_TCK failed: " + out.strip());
        }
        return Long.parseLong(out.strip());
      } finally {
        getconf.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run getconf CLK_TCK", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking getconf CLK_TCK", e);
    }
  }
}
